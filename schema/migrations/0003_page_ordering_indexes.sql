CREATE INDEX "chips_name_order_idx" ON "chips" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "chips_release_date_order_idx" ON "chips" USING btree ("release_date","id");--> statement-breakpoint
CREATE INDEX "chips_release_date_desc_order_idx" ON "chips" USING btree ("release_date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_tdp_w_order_idx" ON "chips" USING btree ("tdp_w","id");--> statement-breakpoint
CREATE INDEX "chips_tdp_w_desc_order_idx" ON "chips" USING btree ("tdp_w" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_bf16_dense_tflops_order_idx" ON "chips" USING btree ("bf16_dense_tflops","id");--> statement-breakpoint
CREATE INDEX "chips_bf16_dense_tflops_desc_order_idx" ON "chips" USING btree ("bf16_dense_tflops" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_designer_id_name_order_idx" ON "chips" USING btree ("designer_id","name","id");--> statement-breakpoint
CREATE INDEX "chips_designer_id_release_date_order_idx" ON "chips" USING btree ("designer_id","release_date","id");--> statement-breakpoint
CREATE INDEX "chips_designer_id_release_date_desc_order_idx" ON "chips" USING btree ("designer_id","release_date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_designer_id_tdp_w_order_idx" ON "chips" USING btree ("designer_id","tdp_w","id");--> statement-breakpoint
CREATE INDEX "chips_designer_id_tdp_w_desc_order_idx" ON "chips" USING btree ("designer_id","tdp_w" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_designer_id_bf16_dense_tflops_order_idx" ON "chips" USING btree ("designer_id","bf16_dense_tflops","id");--> statement-breakpoint
CREATE INDEX "chips_designer_id_bf16_dense_tflops_desc_order_idx" ON "chips" USING btree ("designer_id","bf16_dense_tflops" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_foundry_id_name_order_idx" ON "chips" USING btree ("foundry_id","name","id");--> statement-breakpoint
CREATE INDEX "chips_foundry_id_release_date_order_idx" ON "chips" USING btree ("foundry_id","release_date","id");--> statement-breakpoint
CREATE INDEX "chips_foundry_id_release_date_desc_order_idx" ON "chips" USING btree ("foundry_id","release_date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_foundry_id_tdp_w_order_idx" ON "chips" USING btree ("foundry_id","tdp_w","id");--> statement-breakpoint
CREATE INDEX "chips_foundry_id_tdp_w_desc_order_idx" ON "chips" USING btree ("foundry_id","tdp_w" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chips_foundry_id_bf16_dense_tflops_order_idx" ON "chips" USING btree ("foundry_id","bf16_dense_tflops","id");--> statement-breakpoint
CREATE INDEX "chips_foundry_id_bf16_dense_tflops_desc_order_idx" ON "chips" USING btree ("foundry_id","bf16_dense_tflops" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "deployments_as_of_order_idx" ON "deployments" USING btree ("as_of","id");--> statement-breakpoint
CREATE INDEX "deployments_accelerator_count_order_idx" ON "deployments" USING btree ("accelerator_count","id");--> statement-breakpoint
CREATE INDEX "deployments_facility_id_as_of_order_idx" ON "deployments" USING btree ("facility_id","as_of","id");--> statement-breakpoint
CREATE INDEX "deployments_facility_id_accelerator_count_order_idx" ON "deployments" USING btree ("facility_id","accelerator_count","id");--> statement-breakpoint
CREATE INDEX "deployments_chip_id_as_of_order_idx" ON "deployments" USING btree ("chip_id","as_of","id");--> statement-breakpoint
CREATE INDEX "deployments_chip_id_accelerator_count_order_idx" ON "deployments" USING btree ("chip_id","accelerator_count","id");--> statement-breakpoint
CREATE INDEX "facilities_name_order_idx" ON "facilities" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "facilities_country_order_idx" ON "facilities" USING btree ("country","id");--> statement-breakpoint
CREATE INDEX "facilities_it_power_mw_order_idx" ON "facilities" USING btree ("it_power_mw","id");--> statement-breakpoint
CREATE INDEX "facilities_it_power_mw_desc_order_idx" ON "facilities" USING btree ("it_power_mw" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "facilities_rack_density_kw_typical_order_idx" ON "facilities" USING btree ("rack_density_kw_typical","id");--> statement-breakpoint
CREATE INDEX "facilities_rack_density_kw_typical_desc_order_idx" ON "facilities" USING btree ("rack_density_kw_typical" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "facilities_operational_on_order_idx" ON "facilities" USING btree ("operational_on","id");--> statement-breakpoint
CREATE INDEX "facilities_operational_on_desc_order_idx" ON "facilities" USING btree ("operational_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "facilities_operator_id_name_order_idx" ON "facilities" USING btree ("operator_id","name","id");--> statement-breakpoint
CREATE INDEX "facilities_operator_id_country_order_idx" ON "facilities" USING btree ("operator_id","country","id");--> statement-breakpoint
CREATE INDEX "facilities_operator_id_it_power_mw_order_idx" ON "facilities" USING btree ("operator_id","it_power_mw","id");--> statement-breakpoint
CREATE INDEX "facilities_operator_id_it_power_mw_desc_order_idx" ON "facilities" USING btree ("operator_id","it_power_mw" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "facilities_operator_id_rack_density_kw_typical_order_idx" ON "facilities" USING btree ("operator_id","rack_density_kw_typical","id");--> statement-breakpoint
CREATE INDEX "facilities_operator_id_rack_density_kw_typical_desc_order_idx" ON "facilities" USING btree ("operator_id","rack_density_kw_typical" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "facilities_operator_id_operational_on_order_idx" ON "facilities" USING btree ("operator_id","operational_on","id");--> statement-breakpoint
CREATE INDEX "facilities_operator_id_operational_on_desc_order_idx" ON "facilities" USING btree ("operator_id","operational_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "facilities_country_name_order_idx" ON "facilities" USING btree ("country","name","id");--> statement-breakpoint
CREATE INDEX "facilities_status_name_order_idx" ON "facilities" USING btree ("status","name","id");--> statement-breakpoint
CREATE INDEX "dependencies_weight_order_idx" ON "dependencies" USING btree ("weight","id");--> statement-breakpoint
CREATE INDEX "dependencies_weight_desc_order_idx" ON "dependencies" USING btree ("weight" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_since_order_idx" ON "dependencies" USING btree ("since","id");--> statement-breakpoint
CREATE INDEX "dependencies_since_desc_order_idx" ON "dependencies" USING btree ("since" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_kind_order_idx" ON "dependencies" USING btree ("kind","id");--> statement-breakpoint
CREATE INDEX "dependencies_created_at_order_idx" ON "dependencies" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "dependencies_dependent_id_weight_order_idx" ON "dependencies" USING btree ("dependent_id","weight","id");--> statement-breakpoint
CREATE INDEX "dependencies_dependent_id_weight_desc_order_idx" ON "dependencies" USING btree ("dependent_id","weight" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_dependent_id_since_order_idx" ON "dependencies" USING btree ("dependent_id","since","id");--> statement-breakpoint
CREATE INDEX "dependencies_dependent_id_since_desc_order_idx" ON "dependencies" USING btree ("dependent_id","since" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_dependent_id_kind_order_idx" ON "dependencies" USING btree ("dependent_id","kind","id");--> statement-breakpoint
CREATE INDEX "dependencies_dependent_id_created_at_order_idx" ON "dependencies" USING btree ("dependent_id","created_at","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_vendor_id_weight_order_idx" ON "dependencies" USING btree ("provider_vendor_id","weight","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_vendor_id_weight_desc_order_idx" ON "dependencies" USING btree ("provider_vendor_id","weight" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_provider_vendor_id_since_order_idx" ON "dependencies" USING btree ("provider_vendor_id","since","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_vendor_id_since_desc_order_idx" ON "dependencies" USING btree ("provider_vendor_id","since" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_provider_vendor_id_kind_order_idx" ON "dependencies" USING btree ("provider_vendor_id","kind","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_vendor_id_created_at_order_idx" ON "dependencies" USING btree ("provider_vendor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_facility_id_weight_order_idx" ON "dependencies" USING btree ("provider_facility_id","weight","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_facility_id_weight_desc_order_idx" ON "dependencies" USING btree ("provider_facility_id","weight" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_provider_facility_id_since_order_idx" ON "dependencies" USING btree ("provider_facility_id","since","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_facility_id_since_desc_order_idx" ON "dependencies" USING btree ("provider_facility_id","since" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dependencies_provider_facility_id_kind_order_idx" ON "dependencies" USING btree ("provider_facility_id","kind","id");--> statement-breakpoint
CREATE INDEX "dependencies_provider_facility_id_created_at_order_idx" ON "dependencies" USING btree ("provider_facility_id","created_at","id");--> statement-breakpoint
CREATE INDEX "disclosures_period_end_order_idx" ON "disclosures" USING btree ("period_end","id");--> statement-breakpoint
CREATE INDEX "disclosures_period_start_order_idx" ON "disclosures" USING btree ("period_start","id");--> statement-breakpoint
CREATE INDEX "disclosures_value_order_idx" ON "disclosures" USING btree ("value","id");--> statement-breakpoint
CREATE INDEX "disclosures_metric_order_idx" ON "disclosures" USING btree ("metric","id");--> statement-breakpoint
CREATE INDEX "disclosures_created_at_order_idx" ON "disclosures" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "disclosures_vendor_id_period_end_order_idx" ON "disclosures" USING btree ("vendor_id","period_end","id");--> statement-breakpoint
CREATE INDEX "disclosures_vendor_id_period_start_order_idx" ON "disclosures" USING btree ("vendor_id","period_start","id");--> statement-breakpoint
CREATE INDEX "disclosures_vendor_id_value_order_idx" ON "disclosures" USING btree ("vendor_id","value","id");--> statement-breakpoint
CREATE INDEX "disclosures_vendor_id_metric_order_idx" ON "disclosures" USING btree ("vendor_id","metric","id");--> statement-breakpoint
CREATE INDEX "disclosures_vendor_id_created_at_order_idx" ON "disclosures" USING btree ("vendor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "market_shares_period_end_order_idx" ON "market_shares" USING btree ("period_end","id");--> statement-breakpoint
CREATE INDEX "market_shares_share_order_idx" ON "market_shares" USING btree ("share","id");--> statement-breakpoint
CREATE INDEX "market_shares_share_desc_order_idx" ON "market_shares" USING btree ("share" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "market_shares_value_order_idx" ON "market_shares" USING btree ("value","id");--> statement-breakpoint
CREATE INDEX "market_shares_value_desc_order_idx" ON "market_shares" USING btree ("value" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "market_shares_segment_order_idx" ON "market_shares" USING btree ("segment","id");--> statement-breakpoint
CREATE INDEX "market_shares_created_at_order_idx" ON "market_shares" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "market_shares_vendor_id_period_end_order_idx" ON "market_shares" USING btree ("vendor_id","period_end","id");--> statement-breakpoint
CREATE INDEX "market_shares_vendor_id_share_order_idx" ON "market_shares" USING btree ("vendor_id","share","id");--> statement-breakpoint
CREATE INDEX "market_shares_vendor_id_share_desc_order_idx" ON "market_shares" USING btree ("vendor_id","share" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "market_shares_vendor_id_value_order_idx" ON "market_shares" USING btree ("vendor_id","value","id");--> statement-breakpoint
CREATE INDEX "market_shares_vendor_id_value_desc_order_idx" ON "market_shares" USING btree ("vendor_id","value" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "market_shares_vendor_id_segment_order_idx" ON "market_shares" USING btree ("vendor_id","segment","id");--> statement-breakpoint
CREATE INDEX "market_shares_vendor_id_created_at_order_idx" ON "market_shares" USING btree ("vendor_id","created_at","id");--> statement-breakpoint
CREATE INDEX "models_release_date_order_idx" ON "models" USING btree ("release_date","id");--> statement-breakpoint
CREATE INDEX "models_release_date_desc_order_idx" ON "models" USING btree ("release_date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "models_name_order_idx" ON "models" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "models_parameters_b_order_idx" ON "models" USING btree ("parameters_b","id");--> statement-breakpoint
CREATE INDEX "models_parameters_b_desc_order_idx" ON "models" USING btree ("parameters_b" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "models_min_memory_gb_order_idx" ON "models" USING btree ("min_memory_gb","id");--> statement-breakpoint
CREATE INDEX "models_min_memory_gb_desc_order_idx" ON "models" USING btree ("min_memory_gb" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "models_created_at_order_idx" ON "models" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "models_developer_id_release_date_order_idx" ON "models" USING btree ("developer_id","release_date","id");--> statement-breakpoint
CREATE INDEX "models_developer_id_release_date_desc_order_idx" ON "models" USING btree ("developer_id","release_date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "models_developer_id_name_order_idx" ON "models" USING btree ("developer_id","name","id");--> statement-breakpoint
CREATE INDEX "models_developer_id_parameters_b_order_idx" ON "models" USING btree ("developer_id","parameters_b","id");--> statement-breakpoint
CREATE INDEX "models_developer_id_parameters_b_desc_order_idx" ON "models" USING btree ("developer_id","parameters_b" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "models_developer_id_min_memory_gb_order_idx" ON "models" USING btree ("developer_id","min_memory_gb","id");--> statement-breakpoint
CREATE INDEX "models_developer_id_min_memory_gb_desc_order_idx" ON "models" USING btree ("developer_id","min_memory_gb" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "models_developer_id_created_at_order_idx" ON "models" USING btree ("developer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "outages_started_at_order_idx" ON "outages" USING btree ("started_at","id");--> statement-breakpoint
CREATE INDEX "outages_severity_order_idx" ON "outages" USING btree ("severity","id");--> statement-breakpoint
CREATE INDEX "outages_title_order_idx" ON "outages" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "outages_created_at_order_idx" ON "outages" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "regulatory_events_announced_on_order_idx" ON "regulatory_events" USING btree ("announced_on","id");--> statement-breakpoint
CREATE INDEX "regulatory_events_announced_on_desc_order_idx" ON "regulatory_events" USING btree ("announced_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "regulatory_events_effective_on_order_idx" ON "regulatory_events" USING btree ("effective_on","id");--> statement-breakpoint
CREATE INDEX "regulatory_events_effective_on_desc_order_idx" ON "regulatory_events" USING btree ("effective_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "regulatory_events_title_order_idx" ON "regulatory_events" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "regulatory_events_jurisdiction_order_idx" ON "regulatory_events" USING btree ("jurisdiction","id");--> statement-breakpoint
CREATE INDEX "regulatory_events_created_at_order_idx" ON "regulatory_events" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "sources_title_order_idx" ON "sources" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "sources_publisher_order_idx" ON "sources" USING btree ("publisher","id");--> statement-breakpoint
CREATE INDEX "sources_published_on_order_idx" ON "sources" USING btree ("published_on","id");--> statement-breakpoint
CREATE INDEX "sources_published_on_desc_order_idx" ON "sources" USING btree ("published_on" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vendors_name_order_idx" ON "vendors" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "vendors_slug_order_idx" ON "vendors" USING btree ("slug","id");--> statement-breakpoint
CREATE INDEX "vendors_hq_country_order_idx" ON "vendors" USING btree ("hq_country","id");--> statement-breakpoint
CREATE INDEX "vendors_hq_country_desc_order_idx" ON "vendors" USING btree ("hq_country" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vendors_created_at_order_idx" ON "vendors" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "vendors_parent_id_name_order_idx" ON "vendors" USING btree ("parent_id","name","id");--> statement-breakpoint
CREATE INDEX "vendors_parent_id_slug_order_idx" ON "vendors" USING btree ("parent_id","slug","id");--> statement-breakpoint
CREATE INDEX "vendors_parent_id_hq_country_order_idx" ON "vendors" USING btree ("parent_id","hq_country","id");--> statement-breakpoint
CREATE INDEX "vendors_parent_id_hq_country_desc_order_idx" ON "vendors" USING btree ("parent_id","hq_country" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "vendors_parent_id_created_at_order_idx" ON "vendors" USING btree ("parent_id","created_at","id");
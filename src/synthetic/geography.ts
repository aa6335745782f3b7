/**
 * Where synthetic facilities sit: ~40 countries, each with real ISO 3166-2 subdivisions, a city, the
 * grid region (ISO/RTO, balancing authority or TSO) and approximate coordinates. `weight` gives the
 * realistic skew of data-center capacity (the US first, then China and Europe).
 */
export interface Subdivision {
  /** ISO 3166-2 code, e.g. `US-VA`. */
  code: string;
  city: string;
  grid: string;
  lat: number;
  lon: number;
}

export interface Country {
  code: string;
  weight: number;
  subdivisions: Subdivision[];
}

type Row = [suffix: string, city: string, grid: string, lat: number, lon: number];

const country = (code: string, weight: number, rows: Row[]): Country => ({
  code,
  weight,
  subdivisions: rows.map(([suffix, city, grid, lat, lon]) => ({
    code: `${code}-${suffix}`,
    city,
    grid,
    lat,
    lon,
  })),
});

export const COUNTRIES: readonly Country[] = [
  country("US", 36, [
    ["VA", "Ashburn", "PJM", 39.04, -77.49],
    ["TX", "Abilene", "ERCOT", 32.45, -99.73],
    ["OR", "The Dalles", "BPA", 45.6, -121.18],
    ["OH", "New Albany", "PJM", 40.08, -82.81],
    ["GA", "Atlanta", "SOCO", 33.75, -84.39],
    ["AZ", "Phoenix", "AZPS", 33.45, -112.07],
    ["IA", "Council Bluffs", "MISO", 41.26, -95.86],
    ["NV", "Reno", "NEVP", 39.53, -119.81],
    ["IL", "Chicago", "PJM", 41.88, -87.63],
    ["NC", "Maiden", "DUK", 35.58, -81.22],
    ["TN", "Memphis", "TVA", 35.15, -90.05],
    ["NY", "Buffalo", "NYISO", 42.89, -78.88],
    ["WA", "Quincy", "BPA", 47.23, -119.85],
    ["UT", "Eagle Mountain", "PACE", 40.31, -112.01],
    ["LA", "Richland Parish", "MISO", 32.42, -91.76],
    ["WY", "Cheyenne", "WACM", 41.14, -104.82],
  ]),
  country("CN", 10, [
    ["BJ", "Beijing", "State Grid North", 39.9, 116.4],
    ["GD", "Shenzhen", "China Southern Grid", 22.54, 114.06],
    ["GZ", "Gui'an", "China Southern Grid", 26.6, 106.63],
    ["NM", "Ulanqab", "State Grid Inner Mongolia", 41.0, 113.13],
    ["SH", "Shanghai", "State Grid East", 31.23, 121.47],
  ]),
  country("DE", 4, [
    ["HE", "Frankfurt am Main", "Amprion", 50.11, 8.68],
    ["BY", "Munich", "TenneT DE", 48.14, 11.58],
    ["BE", "Berlin", "50Hertz", 52.52, 13.4],
    ["NW", "Düsseldorf", "Amprion", 51.23, 6.78],
  ]),
  country("GB", 4, [
    ["ENG", "Slough", "NESO", 51.51, -0.59],
    ["SCT", "Edinburgh", "NESO", 55.95, -3.19],
    ["WLS", "Newport", "NESO", 51.58, -3.0],
  ]),
  country("JP", 3, [
    ["13", "Tokyo", "TEPCO", 35.68, 139.69],
    ["27", "Osaka", "Kansai", 34.69, 135.5],
    ["01", "Ishikari", "Hokkaido EPCO", 43.17, 141.32],
  ]),
  country("IE", 2.5, [
    ["D", "Dublin", "EirGrid", 53.35, -6.26],
    ["MH", "Clonee", "EirGrid", 53.41, -6.44],
  ]),
  country("NL", 2.5, [
    ["NH", "Amsterdam", "TenneT NL", 52.37, 4.9],
    ["GR", "Eemshaven", "TenneT NL", 53.44, 6.83],
    ["FL", "Middenmeer", "TenneT NL", 52.81, 5.0],
  ]),
  country("FR", 2.5, [
    ["IDF", "Paris", "RTE", 48.86, 2.35],
    ["HDF", "Lille", "RTE", 50.63, 3.06],
    ["PAC", "Marseille", "RTE", 43.3, 5.37],
  ]),
  country("IN", 3, [
    ["MH", "Mumbai", "Grid-India WR", 19.08, 72.88],
    ["TN", "Chennai", "Grid-India SR", 13.08, 80.27],
    ["TG", "Hyderabad", "Grid-India SR", 17.39, 78.49],
    ["UP", "Noida", "Grid-India NR", 28.54, 77.39],
  ]),
  country("SG", 2, [["01", "Singapore", "EMA", 1.35, 103.82]]),
  country("AU", 2, [
    ["NSW", "Sydney", "NEM", -33.87, 151.21],
    ["VIC", "Melbourne", "NEM", -37.81, 144.96],
  ]),
  country("CA", 2, [
    ["QC", "Montréal", "Hydro-Québec", 45.5, -73.57],
    ["ON", "Toronto", "IESO", 43.65, -79.38],
    ["AB", "Calgary", "AESO", 51.05, -114.07],
  ]),
  country("KR", 1.5, [
    ["11", "Seoul", "KPX", 37.57, 126.98],
    ["41", "Yongin", "KPX", 37.24, 127.18],
  ]),
  country("BR", 1.5, [
    ["SP", "São Paulo", "ONS", -23.55, -46.63],
    ["RJ", "Rio de Janeiro", "ONS", -22.91, -43.17],
    ["CE", "Fortaleza", "ONS", -3.73, -38.52],
  ]),
  country("SE", 1.2, [
    ["AB", "Stockholm", "Svenska kraftnät", 59.33, 18.07],
    ["BD", "Luleå", "Svenska kraftnät", 65.58, 22.15],
  ]),
  country("NO", 1, [
    ["03", "Oslo", "Statnett", 59.91, 10.75],
    ["46", "Stord", "Statnett", 59.78, 5.5],
  ]),
  country("FI", 1, [
    ["18", "Espoo", "Fingrid", 60.21, 24.66],
    ["08", "Hamina", "Fingrid", 60.57, 27.2],
  ]),
  country("DK", 1, [
    ["82", "Viborg", "Energinet", 56.45, 9.4],
    ["83", "Odense", "Energinet", 55.4, 10.39],
  ]),
  country("ES", 1.5, [
    ["MD", "Madrid", "REE", 40.42, -3.7],
    ["CT", "Barcelona", "REE", 41.39, 2.17],
    ["AR", "Zaragoza", "REE", 41.65, -0.89],
  ]),
  country("IT", 1.2, [
    ["25", "Milan", "Terna", 45.46, 9.19],
    ["62", "Rome", "Terna", 41.9, 12.5],
  ]),
  country("PL", 1, [["14", "Warsaw", "PSE", 52.23, 21.01]]),
  country("AT", 0.6, [["9", "Vienna", "APG", 48.21, 16.37]]),
  country("CH", 0.8, [
    ["ZH", "Zürich", "Swissgrid", 47.38, 8.54],
    ["GE", "Geneva", "Swissgrid", 46.2, 6.14],
  ]),
  country("BE", 0.8, [
    ["WAL", "Saint-Ghislain", "Elia", 50.45, 3.82],
    ["BRU", "Brussels", "Elia", 50.85, 4.35],
  ]),
  country("PT", 0.6, [
    ["15", "Sines", "REN", 37.96, -8.87],
    ["11", "Lisbon", "REN", 38.72, -9.14],
  ]),
  country("CZ", 0.4, [["10", "Prague", "ČEPS", 50.08, 14.44]]),
  country("IS", 0.3, [["1", "Reykjavík", "Landsnet", 64.15, -21.94]]),
  country("MX", 0.8, [
    ["QUE", "Querétaro", "CENACE", 20.59, -100.39],
    ["NLE", "Monterrey", "CENACE", 25.69, -100.32],
  ]),
  country("CL", 0.5, [["RM", "Santiago", "CEN", -33.45, -70.67]]),
  country("AR", 0.3, [["B", "Buenos Aires", "CAMMESA", -34.6, -58.38]]),
  country("MY", 1.2, [
    ["01", "Johor Bahru", "TNB", 1.49, 103.74],
    ["14", "Kuala Lumpur", "TNB", 3.14, 101.69],
  ]),
  country("ID", 0.7, [
    ["JK", "Jakarta", "PLN", -6.21, 106.85],
    ["JB", "Bekasi", "PLN", -6.24, 106.99],
  ]),
  country("TH", 0.5, [["10", "Bangkok", "EGAT", 13.76, 100.5]]),
  country("VN", 0.3, [["SG", "Ho Chi Minh City", "EVN", 10.82, 106.63]]),
  country("TW", 0.8, [
    ["TPE", "Taipei", "Taipower", 25.03, 121.57],
    ["TAO", "Taoyuan", "Taipower", 24.99, 121.3],
  ]),
  country("NZ", 0.3, [["AUK", "Auckland", "Transpower", -36.85, 174.76]]),
  country("AE", 1, [
    ["DU", "Dubai", "DEWA", 25.2, 55.27],
    ["AZ", "Abu Dhabi", "TAQA", 24.45, 54.38],
  ]),
  country("SA", 0.8, [["01", "Riyadh", "SEC", 24.71, 46.68]]),
  country("IL", 0.4, [["TA", "Tel Aviv", "IEC", 32.09, 34.78]]),
  country("ZA", 0.5, [
    ["GP", "Johannesburg", "Eskom", -26.2, 28.05],
    ["WC", "Cape Town", "Eskom", -33.92, 18.42],
  ]),
  country("NG", 0.2, [["LA", "Lagos", "TCN", 6.52, 3.38]]),
  country("KE", 0.2, [["30", "Nairobi", "KPLC", -1.29, 36.82]]),
  country("TR", 0.4, [["34", "Istanbul", "TEİAŞ", 41.01, 28.98]]),
];

/** Member states of the EU among COUNTRIES (the migration's union_memberships holds the full list). */
export const EU_MEMBERS: ReadonlySet<string> = new Set([
  "DE",
  "IE",
  "NL",
  "FR",
  "SE",
  "FI",
  "DK",
  "ES",
  "IT",
  "PL",
  "AT",
  "BE",
  "PT",
  "CZ",
]);

/** Every subdivision with its country index, flattened. */
export const SUBDIVISIONS: readonly (Subdivision & { country: number })[] = COUNTRIES.flatMap((c, country) =>
  c.subdivisions.map((s) => ({ ...s, country })),
);

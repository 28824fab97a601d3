/** Demo cars and auctions for local runs. Times are relative to the first start. */
export interface DemoCar {
  slug: string;
  make: string;
  model: string;
  year: number;
  mileage: number;
  mileageUnit: 'km' | 'mi';
  vin: string;
  bodyStyle: 'sedan' | 'hatchback' | 'wagon' | 'coupe' | 'convertible' | 'suv' | 'pickup' | 'van' | 'roadster';
  colour: string;
  transmission: 'manual' | 'automatic' | 'dual_clutch' | 'cvt';
  description: string;
}

export interface DemoAuction {
  carSlug: string;
  title: string;
  /** Offsets from the seeding moment, in hours. */
  startsInHours: number;
  endsInHours: number;
  startingPrice: number;
  minIncrement: number;
  reservePrice: number | null;
  /** For ended demo auctions: the result as the worker would have posted it. */
  result?: { status: 'sold' | 'unsold'; currentPrice: number; bidCount: number; leaderName: string };
}

export const DEMO_CARS: DemoCar[] = [
  {
    slug: '1967-ford-mustang',
    make: 'Ford',
    model: 'Mustang Fastback',
    year: 1967,
    mileage: 84210,
    mileageUnit: 'mi',
    vin: '7R02C179581',
    bodyStyle: 'coupe',
    colour: 'Candyapple Red',
    transmission: 'manual',
    description: '289 V8, four-speed manual, restored in 2019 with documentation. Matching numbers.',
  },
  {
    slug: '1973-porsche-911',
    make: 'Porsche',
    model: '911 Carrera RS 2.7',
    year: 1973,
    mileage: 61500,
    mileageUnit: 'km',
    vin: '9113600421',
    bodyStyle: 'coupe',
    colour: 'Grand Prix Yellow',
    transmission: 'manual',
    description: 'Touring specification, known history from new, recent engine service.',
  },
  {
    slug: '1991-honda-nsx',
    make: 'Honda',
    model: 'NSX',
    year: 1991,
    mileage: 48900,
    mileageUnit: 'mi',
    vin: 'JH4NA1150MT000123',
    bodyStyle: 'coupe',
    colour: 'Grand Prix White',
    transmission: 'manual',
    description: 'Original paint, timing belt and water pump replaced in 2023.',
  },
  {
    slug: '2004-bmw-m3',
    make: 'BMW',
    model: 'M3 Coupe',
    year: 2004,
    mileage: 112000,
    mileageUnit: 'km',
    vin: 'WBSBL93454PN57239',
    bodyStyle: 'coupe',
    colour: 'Interlagos Blue',
    transmission: 'manual',
    description: 'Rod bearings and VANOS done, subframe reinforced, two owners.',
  },
  {
    slug: '1985-toyota-land-cruiser',
    make: 'Toyota',
    model: 'Land Cruiser FJ60',
    year: 1985,
    mileage: 201340,
    mileageUnit: 'km',
    vin: 'JT3FJ60G6F1126473',
    bodyStyle: 'suv',
    colour: 'Olive',
    transmission: 'manual',
    description: 'Rust-free southern truck, 2F inline-six, new interior.',
  },
  {
    slug: '2015-tesla-model-s',
    make: 'Tesla',
    model: 'Model S P85D',
    year: 2015,
    mileage: 71200,
    mileageUnit: 'mi',
    vin: '5YJSA1E4XFF101234',
    bodyStyle: 'sedan',
    colour: 'Obsidian Black',
    transmission: 'automatic',
    description: 'Free supercharging transferred, battery health report included.',
  },
  {
    slug: '1989-mercedes-300ce',
    make: 'Mercedes-Benz',
    model: '300CE',
    year: 1989,
    mileage: 156000,
    mileageUnit: 'km',
    vin: 'WDBEA50D5KA912345',
    bodyStyle: 'coupe',
    colour: 'Smoke Silver',
    transmission: 'automatic',
    description: 'W124 coupe with full service history, pillarless windows all working.',
  },
];

export const DEMO_AUCTIONS: DemoAuction[] = [
  {
    carSlug: '1967-ford-mustang',
    title: '1967 Ford Mustang Fastback, restored',
    startsInHours: -2,
    endsInHours: 72,
    startingPrice: 3_500_000,
    minIncrement: 50_000,
    reservePrice: 6_000_000,
  },
  {
    carSlug: '1973-porsche-911',
    title: '1973 Porsche 911 Carrera RS 2.7 Touring',
    startsInHours: -1,
    endsInHours: 48,
    startingPrice: 50_000_000,
    minIncrement: 500_000,
    reservePrice: 80_000_000,
  },
  {
    carSlug: '1991-honda-nsx',
    title: '1991 Honda NSX, original paint',
    startsInHours: -3,
    endsInHours: 24,
    startingPrice: 6_000_000,
    minIncrement: 100_000,
    reservePrice: null,
  },
  {
    carSlug: '2004-bmw-m3',
    title: '2004 BMW M3 six-speed',
    startsInHours: -0.5,
    endsInHours: 6,
    startingPrice: 1_500_000,
    minIncrement: 25_000,
    reservePrice: 2_800_000,
  },
  {
    carSlug: '1985-toyota-land-cruiser',
    title: '1985 Toyota Land Cruiser FJ60',
    startsInHours: 24,
    endsInHours: 120,
    startingPrice: 2_000_000,
    minIncrement: 50_000,
    reservePrice: null,
  },
  {
    carSlug: '2015-tesla-model-s',
    title: '2015 Tesla Model S P85D',
    startsInHours: 48,
    endsInHours: 168,
    startingPrice: 2_500_000,
    minIncrement: 50_000,
    reservePrice: 3_200_000,
  },
  {
    carSlug: '1989-mercedes-300ce',
    title: '1989 Mercedes-Benz 300CE coupe',
    startsInHours: -96,
    endsInHours: -24,
    startingPrice: 800_000,
    minIncrement: 25_000,
    reservePrice: 1_000_000,
    result: { status: 'sold', currentPrice: 1_275_000, bidCount: 14, leaderName: 'm***a' },
  },
  {
    carSlug: '2004-bmw-m3',
    title: '2004 BMW M3 (earlier listing)',
    startsInHours: -240,
    endsInHours: -168,
    startingPrice: 1_500_000,
    minIncrement: 25_000,
    reservePrice: 3_500_000,
    result: { status: 'unsold', currentPrice: 2_650_000, bidCount: 9, leaderName: 'j***n' },
  },
];

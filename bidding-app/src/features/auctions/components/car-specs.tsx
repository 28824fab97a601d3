import type { PublicCar } from '@car-auction/contracts';
import { mileageText } from '../auction-labels';

const TRANSMISSIONS: Record<string, string> = { manual: 'Manual', automatic: 'Automatic', dual_clutch: 'Dual-clutch', cvt: 'CVT' };
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function CarSpecs({ car }: { car: PublicCar }) {
  const rows: [string, string][] = [
    ['Year', String(car.year)],
    ['Make', car.make],
    ['Model', car.model],
    ['Mileage', mileageText(car)],
    ['Body', capitalised(car.bodyStyle)],
    ['Colour', car.colour],
    ['Transmission', TRANSMISSIONS[car.transmission] ?? car.transmission],
    ['VIN', car.vin],
  ];
  return (
    <dl className="specs">
      {rows.map(([term, value]) => (
        <div key={term} className="specs__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

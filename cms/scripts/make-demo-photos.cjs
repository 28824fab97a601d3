#!/usr/bin/env node
// Draws the demo cars' placeholder photos (committed in seed/photos/) with sharp,
// which Strapi already depends on. Run again only to change them.
'use strict';
const path = require('node:path');
const sharp = require('sharp');

const cars = [
  ['1967-ford-mustang', '1967 Ford Mustang Fastback', '#b3202a'],
  ['1973-porsche-911', '1973 Porsche 911 Carrera RS', '#f2c300'],
  ['1991-honda-nsx', '1991 Honda NSX', '#e8e8e8'],
  ['2004-bmw-m3', '2004 BMW M3 Coupe', '#1d4f91'],
  ['1985-toyota-land-cruiser', '1985 Toyota Land Cruiser FJ60', '#6b7f3a'],
  ['2015-tesla-model-s', '2015 Tesla Model S P85D', '#2b2b2b'],
  ['1989-mercedes-300ce', '1989 Mercedes-Benz 300CE', '#7a6a58'],
];

const silhouette = (colour, view) => `
  <g transform="translate(${view === 'side' ? 150 : 230},300)">
    <path d="M40 200 L80 120 Q120 60 240 55 L420 55 Q520 60 580 130 L650 150 Q700 160 700 200 L700 240 L40 240 Z"
      fill="${colour}" stroke="#111" stroke-width="6"/>
    <path d="M130 125 L170 75 L290 72 L290 125 Z M310 72 L420 72 Q480 80 520 125 L310 125 Z" fill="#9ec9e8" stroke="#111" stroke-width="4"/>
    <circle cx="170" cy="245" r="55" fill="#222"/><circle cx="170" cy="245" r="25" fill="#aaa"/>
    <circle cx="570" cy="245" r="55" fill="#222"/><circle cx="570" cy="245" r="25" fill="#aaa"/>
  </g>`;

async function main() {
  const out = path.join(__dirname, '..', 'seed', 'photos');
  for (const [slug, title, colour] of cars) {
    for (const [i, view] of [
      [1, 'side'],
      [2, 'three-quarter'],
    ]) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="640">
        <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stop-color="${i === 1 ? '#dfe9f3' : '#f6e7d0'}"/><stop offset="1" stop-color="#8a96a3"/></linearGradient></defs>
        <rect width="960" height="640" fill="url(#sky)"/>
        <rect y="520" width="960" height="120" fill="#4a4f55"/>
        ${silhouette(colour, view)}
        <text x="40" y="80" font-family="sans-serif" font-size="44" font-weight="bold" fill="#1b1f24">${title}</text>
        <text x="40" y="125" font-family="sans-serif" font-size="26" fill="#1b1f24">Demo photo ${i} of 2</text>
      </svg>`;
      await sharp(Buffer.from(svg))
        .jpeg({ quality: 72 })
        .toFile(path.join(out, `${slug}-${i}.jpg`));
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/** One seed for every property spec, so `npm test` draws the same cases on every machine. */
export const PROPERTY_SEED = 20_261_122;

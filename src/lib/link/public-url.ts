/**
 * The address links point at when nothing else is said: `nfwalk link` uses it unless given
 * `--base URL` or the NFWALK_BASE_URL environment variable. nfwalk has no public deployment yet,
 * so it is the address `npm start` serves the app at; change it here when the app is deployed.
 */
export const PUBLIC_URL = 'http://localhost:4173/';

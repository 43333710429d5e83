// The page is static HTML with the example already parsed; it hydrates to parse what you type.
export const prerender = true;

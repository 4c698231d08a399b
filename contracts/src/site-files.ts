// The site layouts that ship with the product (contracts/sites/), named by package path so the
// console, the simulator and the tests read the same files: a Node module turns one into a
// file path with createRequire(import.meta.url).resolve(…). SITE_FILE chooses another.

/**
 * The demo port at realistic scale, and the default site: a 1.2 km quay with 4 berths and 12
 * quay cranes, 24 yard blocks, 12 gate lanes each way with radiation portals, a two-scanner
 * hall, 16 cameras.
 */
export const DEFAULT_SITE = '@porttwin/contracts/sites/harbour-port.json';

/** A small port (2 berths, 3 gate lanes) for quick tests and reading the model by eye. */
export const SMALL_PORT_SITE = '@porttwin/contracts/sites/small-port.json';

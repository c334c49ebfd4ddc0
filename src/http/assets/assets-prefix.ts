// The URL prefix the hashed browser assets are served under.
export const ASSETS_PREFIX = '/assets/';

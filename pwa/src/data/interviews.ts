/** The client's job interviews of the coming week, kept on the device from the client's day. */
export const INTERVIEWS_KEY = 'interviews:soon';

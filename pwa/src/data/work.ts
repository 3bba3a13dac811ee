/** Where the client works (their current jobs), kept on the device from the client's day. */
export const WORK_KEY = 'work:mine';

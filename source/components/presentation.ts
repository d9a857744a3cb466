import {createContext} from 'react';

/**
 * Whether the screen is on a projector (--present): tables leave out what a class cannot use
 * and only distracts, task IDs and ports.
 */
export const PresentContext = createContext(false);

/** Columns no table shows on a projector, by header. */
export const presentHiddenHeaders: ReadonlySet<string> = new Set(['ID', 'PORTS']);

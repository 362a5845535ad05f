import { useSyncExternalStore } from 'react';

/** Subscribes a component to any store with subscribe/get semantics. */
export function useStoreState<T>(subscribe: (listener: () => void) => () => void, getState: () => T): T {
  return useSyncExternalStore(subscribe, getState, getState);
}

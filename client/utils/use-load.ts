import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { errorText } from './ui';

/**
 * What almost every page does: fetch when shown (again on every return to it), keep the last data, and the
 * Chinese error of the last failed fetch. `reload` fetches again (the retry button, after an action).
 */
export function useLoad<T>(fetch: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(fetch);
  latest.current = fetch;
  const reload = useCallback(async () => {
    try {
      setData(await latest.current());
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useDidShow(() => void reload());
  return { data, error, reload };
}

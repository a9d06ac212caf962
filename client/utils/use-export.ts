import { useCallback, useRef, useState } from 'react';
import type { ExportFile } from '@shared/contracts';
import { openExport } from '../services/open-export';
import { errorText, loading, toast } from './ui';

export const EXPORT_PREPARING = '正在生成文件…';

/**
 * An export button's behaviour: while the function writes the file and the phone downloads it, a loading
 * overlay (utils/ui.ts loading(), drawn by the page in its mode) shows and `exporting` is true (the button shows it and a second tap does nothing); then the file
 * opens (mini-program) or is saved (browser, services/open-export.ts). A failure is a Chinese toast.
 */
export function useExport(make: () => Promise<ExportFile>) {
  const [exporting, setExporting] = useState(false);
  const busy = useRef(false);
  const latest = useRef(make);
  latest.current = make;
  const run = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setExporting(true);
    const done = loading(EXPORT_PREPARING);
    let failure: string | null = null;
    try {
      await openExport(await latest.current());
    } catch (err) {
      failure = errorText(err);
    } finally {
      busy.current = false;
      setExporting(false);
      done();
    }
    if (failure) toast(failure);
  }, []);
  return { exporting, run };
}

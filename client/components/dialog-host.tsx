import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { uiStore } from '../utils/ui';
import { loadNutDialog, nutDialogNow, type NutDialogParts } from './load-nut-dialog';

/**
 * Draws utils/ui.ts's confirmations, notices, toasts and loading overlay with NutUI's dialog and toast (issue #19;
 * components/nut-dialog.tsx), one host a
 * page (rendered by <Screen>), in the page's mode: inside the page's `.anju-screen`, so 关怀模式 switched on in
 * 我的 gives them its sizes (body ≥ 18 px, buttons ≥ 60 px; client/app.css "dialogs and toasts"). Only the
 * shown page's host draws; the others keep quiet until their page is shown again.
 *
 * The buttons are our own NutUI Buttons in the dialog's footer, with ids (#dialog-confirm, #dialog-cancel)
 * that browser tests and the mini-program harness tap.
 */
export function DialogHost() {
  const me = useRef(Symbol('dialog-host')).current;
  const [, setVersion] = useState(0);
  const [nut, setNut] = useState<NutDialogParts | null>(nutDialogNow);
  useEffect(() => {
    const off = uiStore.subscribe(() => setVersion((v) => v + 1));
    uiStore.show(me);
    return () => {
      off();
      uiStore.remove(me);
    };
  }, [me]);
  useDidShow(() => uiStore.show(me));

  const { dialog, toast, loading } = uiStore.get();
  const top = uiStore.isTop(me);
  const wanted = top && (dialog !== null || toast !== null || loading !== null);
  useEffect(() => {
    if (!wanted || nut) return;
    let live = true;
    void loadNutDialog().then((parts) => {
      if (live) setNut(parts);
    });
    return () => {
      live = false;
    };
  }, [wanted, nut]);
  useEffect(() => {
    if (!top || !toast) return undefined;
    const timer = setTimeout(() => uiStore.hideToast(), Math.max(0, toast.until - Date.now()));
    return () => clearTimeout(timer);
  }, [top, toast]);

  if (!top || !nut) return null;
  const { NutDialog, NutLoading, NutToast } = nut;
  return (
    <View className="anju-dialog-host">
      {loading ? <NutLoading loading={loading} /> : null}
      {dialog ? <NutDialog dialog={dialog} onAnswer={(confirmed) => uiStore.answer(confirmed)} /> : null}
      {toast ? <NutToast key={toast.seq} toast={toast} /> : null}
    </View>
  );
}

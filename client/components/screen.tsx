import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState, type ReactNode } from 'react';
import { useCareMode } from '../utils/care-mode';
import { DialogHost } from './dialog-host';
import { pressable } from './keyboard';
import { TAB_PAGES, tabsFor, tabRole, type TabKey } from '../utils/tabs';

/**
 * The frame of every converted page (issue #19): the page title (native bar in the mini-program, a drawn
 * title bar with a back button in H5, which has none), the 关怀模式 class that switches the design tokens,
 * one main action in a fixed bottom bar, the role's tab bar on the tab pages, and the page's host of dialogs
 * and toasts (components/dialog-host.tsx: utils/ui.ts confirm(), notice() and toast()).
 */
export function Screen({
  id,
  title,
  tab,
  bottom,
  children,
}: {
  id: string;
  title: string;
  /** Set on a tab page: which tab is lit. */
  tab?: TabKey;
  /** The one main action of the screen, fixed at the bottom (not on tab pages). */
  bottom?: ReactNode;
  children: ReactNode;
}) {
  const care = useCareMode();
  const [canGoBack, setCanGoBack] = useState(false);
  useEffect(() => {
    // The native bar's title in the mini-program, the document title in H5.
    void Promise.resolve()
      .then(() => Taro.setNavigationBarTitle({ title }))
      .catch(() => undefined);
  }, [title]);
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    // Taro's H5 page is the scrolling element: keyboard users must be able to focus it to scroll
    // (axe scrollable-region-focusable).
    const scroller = document.getElementById(id)?.closest('.taro_page');
    if (scroller && !scroller.hasAttribute('tabindex')) scroller.setAttribute('tabindex', '0');
  }, [id]);
  const backCheck = () =>
    setCanGoBack((typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : []).length > 1);
  // On mount as well: in the browser the page's first onShow can fire before this hook has subscribed, and
  // the back button then never showed on a page opened with navigateTo.
  useEffect(backCheck, []);
  useDidShow(backCheck);
  const classes = ['page', 'anju-screen'];
  if (care) classes.push('anju-care');
  if (bottom) classes.push('with-bottom');
  if (tab) classes.push('with-tabs');
  return (
    <View className={classes.join(' ')} id={id}>
      {process.env.TARO_ENV === 'h5' ? (
        <View className="title-bar" role="banner">
          {canGoBack ? (
            <View
              className="title-bar-back"
              id="title-back"
              role="button"
              aria-label="返回上一页"
              {...pressable()}
              onClick={() => void Taro.navigateBack()}
            >
              <Text>‹ 返回</Text>
            </View>
          ) : null}
          <Text className={canGoBack ? 'title-bar-text' : 'title-bar-text no-back'}>{title}</Text>
        </View>
      ) : (
        <View className="screen-top-gap" />
      )}
      {children}
      {bottom ? (
        <View className="bottom-bar" id="bottom-bar">
          {bottom}
        </View>
      ) : null}
      {tab ? <TabBar current={tab} /> : null}
      <DialogHost />
    </View>
  );
}

/** The role's tab bar (a custom bar: roles differ, and WeChat's native tabBar is one list for everyone). */
export function TabBar({ current }: { current: TabKey }) {
  const tabs = tabsFor(tabRole());
  return (
    <View className="tab-bar" id="tab-bar" role="navigation" aria-label="主菜单">
      {tabs.map((t) => (
        <View
          key={t.key}
          id={`tab-${t.key}`}
          role="link"
          aria-current={t.key === current ? 'page' : undefined}
          className={t.key === current ? 'tab-item tab-on' : 'tab-item'}
          {...pressable()}
          onClick={() => {
            if (t.key !== current) void Taro.reLaunch({ url: TAB_PAGES[t.key] });
          }}
        >
          <View className="tab-icon" aria-hidden>
            <t.icon />
          </View>
          <Text className="tab-label">{t.label}</Text>
        </View>
      ))}
    </View>
  );
}

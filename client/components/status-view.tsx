import { Image, Text, View } from '@tarojs/components';
import { useCareMode } from '../utils/care-mode';
import { Button, Empty as NutEmpty, Skeleton } from './nut';

/**
 * Loading (NutUI's Skeleton under the words 加载中, so a screen reader hears them), error (with retry) and empty states shared by every page. They draw in the page's mode
 * (关怀模式 or not) even before the page's own frame is there.
 */
export function Loading({ text = '加载中…' }: { text?: string }) {
  const care = useCareMode();
  return (
    <View className={care ? 'page anju-screen anju-care' : 'page anju-screen'}>
      <View className="card" id="loading" role="status" aria-busy="true">
        <Text className="muted">{text}</Text>
        <Skeleton rows={4} animated />
      </View>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  const care = useCareMode();
  return (
    <View className={care ? 'page anju-screen anju-care' : 'page anju-screen'}>
      <View className="card" id="error">
        <NutEmpty
          className="empty"
          image={<Image className="empty-picture" src={ERROR_PICTURE} aria-hidden />}
          description={<Text className="error">{message}</Text>}
        >
          <Button id="retry" type="primary" block onClick={onRetry}>
            重试
          </Button>
        </NutEmpty>
      </View>
    </View>
  );
}

/**
 * An empty list: NutUI's Empty with our own picture (NutUI's default pictures load from a JD server, which a
 * mini-program may not reach and an offline browser cannot) and a sentence saying what will appear here and
 * when.
 */
export function Empty({ text }: { text: string }) {
  return (
    <NutEmpty
      className="empty"
      image={<Image className="empty-picture" src={EMPTY_PICTURE} aria-hidden />}
      description={<Text className="empty-text">{text}</Text>}
    />
  );
}

// Drawn here (no network image: the mini-program package and offline browsers show them alike).
const svg = (body: string) =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 180">${body}</svg>`,
  )}`;
const EMPTY_PICTURE = svg(
  '<ellipse cx="120" cy="160" rx="90" ry="10" fill="#dfe8e4"/>' +
    '<path d="M50 80 L120 30 L190 80 V150 H50 Z" fill="#e3f1ec" stroke="#1f6f5c" stroke-width="5" stroke-linejoin="round"/>' +
    '<rect x="102" y="100" width="36" height="50" rx="4" fill="#fff" stroke="#1f6f5c" stroke-width="5"/>' +
    '<rect x="66" y="90" width="24" height="22" rx="3" fill="#fff" stroke="#1f6f5c" stroke-width="4"/>' +
    '<rect x="150" y="90" width="24" height="22" rx="3" fill="#fff" stroke="#1f6f5c" stroke-width="4"/>',
);
const ERROR_PICTURE = svg(
  '<ellipse cx="120" cy="160" rx="90" ry="10" fill="#f3dcd9"/>' +
    '<circle cx="120" cy="85" r="60" fill="#fdecea" stroke="#b3261e" stroke-width="6"/>' +
    '<rect x="114" y="50" width="12" height="46" rx="6" fill="#b3261e"/>' +
    '<circle cx="120" cy="115" r="8" fill="#b3261e"/>',
);

import { Button, Text, View } from '@tarojs/components';

/** Loading, error (with retry) and empty states shared by every page. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="empty" id="loading">
      <Text>{text}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <View className="card" id="error">
      <Text className="error">{message}</Text>
      <Button className="btn" id="retry" onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

export function Empty({ text }: { text: string }) {
  return (
    <View className="empty">
      <Text>{text}</Text>
    </View>
  );
}

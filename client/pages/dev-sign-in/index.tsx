import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ROLE_LABELS, type Role } from '@shared/contracts';
import { Empty, ErrorState, Loading } from '../../components/status-view';
import { NETWORK_MESSAGE } from '../../services/call';
import { setSessionToken } from '../../services/session';
import { pressable } from '../../components/keyboard';

interface Persona {
  id: string;
  name: string;
  roles: Role[];
  description: string;
}

type Answer<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${ANJU_API_BASE}${url}`, init);
  } catch {
    throw new Error(NETWORK_MESSAGE);
  }
  const body = (await res.json()) as Answer<T>;
  if (!body.ok) throw new Error(body.error.message);
  return body.data;
}

/**
 * Local development only: act as one of the seeded personas. Listed in app.config only for local browser
 * builds, and inert when ANJU_LOCAL is false.
 */
export default function DevSignIn() {
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setPersonas(await getJson<Persona[]>('/api/dev/personas'));
    } catch (err) {
      setError(err instanceof Error ? err.message : '加载失败');
    }
  }, []);

  useDidShow(() => {
    if (ANJU_LOCAL) void load();
  });

  if (!ANJU_LOCAL) return <Empty text="该页面仅在本地开发环境可用。" />;
  if (error) return <ErrorState message={error} onRetry={() => void load()} />;
  if (!personas) return <Loading />;

  const signIn = async (persona: Persona) => {
    setBusy(persona.id);
    try {
      const { token } = await getJson<{ token: string }>('/api/dev/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personaId: persona.id }),
      });
      setSessionToken(token);
      await Taro.redirectTo({ url: '/pages/index/index' });
    } catch (err) {
      setError(err instanceof Error ? err.message : '登录失败');
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="page" id="dev-sign-in">
      <View className="card">
        <Text className="card-title">选择演示身份</Text>
        <Text className="muted">本地开发环境：选择一个演示用户登录，体验对应角色的功能。</Text>
      </View>
      {personas.length === 0 ? (
        <Empty text="没有演示用户：请删除 .data 目录后重新启动以生成演示数据。" />
      ) : null}
      {personas.map((p) => (
        <View
          className="card persona"
          key={p.id}
          id={`persona-${p.id}`}
          role="button"
          {...pressable()}
          onClick={() => void signIn(p)}
        >
          <Text className="card-title">{p.name}</Text>
          <View>
            {p.roles.length === 0 ? <Text className="tag">申请人</Text> : null}
            {p.roles.map((r) => (
              <Text className="tag" key={r}>
                {ROLE_LABELS[r]}
              </Text>
            ))}
          </View>
          <Text className="muted" style={{ display: 'block', marginTop: '8px' }}>
            {busy === p.id ? '正在登录…' : p.description}
          </Text>
        </View>
      ))}
    </View>
  );
}

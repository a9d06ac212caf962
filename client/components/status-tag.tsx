import { Text } from '@tarojs/components';
import type { BillView } from '@shared/contracts';
import { Tag } from './nut';
import './status-tag.css';

export type StatusTone = 'ok' | 'bad' | 'warn' | 'info';
const MARK: Record<StatusTone, string> = { ok: '✓', bad: '!', warn: '…', info: '·' };

/**
 * A status in words with a mark (issue #19: never by colour alone): 已缴清 ✓ green, 已逾期 ! red,
 * each readable without the colour. NutUI's Tag inside a holder that carries the id (Tag passes none on).
 */
export function StatusTag({ tone, text, id }: { tone: StatusTone; text: string; id?: string }) {
  return (
    <Text className="status-tag-holder" id={id}>
      <Tag className={`status-tag status-${tone}`}>
        {MARK[tone]} {text}
      </Tag>
    </Text>
  );
}

export function BillStatus({ bill }: { bill: BillView }) {
  if (bill.overdue) return <StatusTag tone="bad" text="已逾期" />;
  if (bill.balanceFen <= 0) return <StatusTag tone="ok" text={bill.statusLabel} />;
  return <StatusTag tone="warn" text={bill.statusLabel} />;
}

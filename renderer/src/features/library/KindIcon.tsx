import type { AssetKind } from '../../../../electron/model/asset';
import { AudioIcon, ImageIcon, VideoIcon } from '../../ui/icons';

export function KindIcon({ kind, size = 16 }: { kind: AssetKind; size?: number }) {
  if (kind === 'video') return <VideoIcon size={size} />;
  if (kind === 'audio') return <AudioIcon size={size} />;
  return <ImageIcon size={size} />;
}

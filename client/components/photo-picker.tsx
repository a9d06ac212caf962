import { Image, Text, View } from '@tarojs/components';
import { pickPhotos, type PickedPhoto } from '../utils/photo';
import { toast } from '../utils/ui';
import { Button as NutButton } from './nut';
import { pressable } from './keyboard';

/** Thumbnails with remove buttons and an add button; photos are compressed on the phone when picked. */
export function PhotoPicker({
  photos,
  onChange,
  max,
  buttonId,
  buttonText = '添加照片',
}: {
  photos: PickedPhoto[];
  onChange: (next: PickedPhoto[]) => void;
  max: number;
  buttonId: string;
  buttonText?: string;
}) {
  const add = async () => {
    const { photos: more, tooLarge } = await pickPhotos(max - photos.length);
    onChange([...photos, ...more].slice(0, max));
    if (tooLarge > 0) toast(`${tooLarge} 张照片压缩后仍超过 2 MB，未添加`);
  };
  return (
    <View>
      <View className="photos">
        {photos.map((p, i) => (
          <View className="photo" key={i}>
            <Image className="photo-img" src={p.preview} mode="aspectFill" />
            <Text
              className="photo-remove"
              // Taro types no `role` on Text/Image; Taro writes it on the element all the same.
              {...{ role: 'button' }}
              aria-label={`删除第 ${i + 1} 张照片`}
              {...pressable()}
              onClick={() => onChange(photos.filter((_, j) => j !== i))}
            >
              ×
            </Text>
          </View>
        ))}
      </View>
      {photos.length < max ? (
        <NutButton type="primary" fill="outline" block id={buttonId} onClick={() => void add()}>
          {buttonText}（{photos.length}/{max}）
        </NutButton>
      ) : null}
    </View>
  );
}

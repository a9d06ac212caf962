import { MAX_CALL_PAYLOAD_BYTES, PAYLOAD_ERR_MSG } from '../../../cloudfunctions/_runtime/platform-limits';
import { wxCloud } from '../../miniprogram/harness';

/**
 * The mini-program test harness's `wx.cloud.callFunction` refuses data over CloudBase's limit the way
 * WeChat does (errMsg `cloud.callFunction:fail Error: data exceed max size`), before the function is
 * asked — so a page test that sends too much fails here as it would on a phone.
 */
describe('the harness wx.cloud.callFunction', () => {
  it('over the limit: fails with the platform errMsg, through the promise and the fail callback', async () => {
    const answer = jest.fn(async () => ({ ok: true, data: null }));
    const fail = jest.fn();
    const success = jest.fn();
    const cloud = wxCloud(answer);
    const data = { action: 'file', photos: ['a'.repeat(MAX_CALL_PAYLOAD_BYTES)] };
    await expect(cloud.callFunction({ name: 'repair', data, success, fail })).rejects.toMatchObject({
      errMsg: PAYLOAD_ERR_MSG,
    });
    expect(fail).toHaveBeenCalledWith(expect.objectContaining({ errMsg: PAYLOAD_ERR_MSG }));
    expect(success).not.toHaveBeenCalled();
    expect(answer).not.toHaveBeenCalled();
  });

  it('under the limit: the function answers', async () => {
    const answer = jest.fn(async () => ({ ok: true, data: 1 }));
    const cloud = wxCloud(answer);
    const data = { action: 'file', photos: ['a'.repeat(MAX_CALL_PAYLOAD_BYTES - 1000)] };
    await expect(cloud.callFunction({ name: 'repair', data })).resolves.toEqual({
      result: { ok: true, data: 1 },
      errMsg: 'cloud.callFunction:ok',
    });
    expect(answer).toHaveBeenCalledWith('repair', data);
  });
});

'use client';
/** Follow / unfollow a record, with the number of followers. */
import { BellFilled, BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { appErrorOf } from '../errors';
import { useT } from '../i18n';
import { useTRPC } from '../trpc';

export function FollowButton({ object, id }: { object: string; id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { tr } = useT();
  const state = useQuery(trpc.actions.followState.queryOptions({ object, id }));
  const options = {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.actions.followState.queryKey({ object, id }) }),
    onError: (e: unknown) => message.error(appErrorOf(e)?.message),
  };
  const follow = useMutation(trpc.actions.follow.mutationOptions(options));
  const unfollow = useMutation(trpc.actions.unfollow.mutationOptions(options));
  const following = Boolean(state.data?.following);
  const count = state.data?.followers ?? 0;
  return (
    <Button
      icon={following ? <BellFilled aria-hidden /> : <BellOutlined aria-hidden />}
      aria-pressed={following}
      loading={follow.isPending || unfollow.isPending}
      disabled={!state.data}
      title={tr('rec.followers', { count })}
      onClick={() => (following ? unfollow : follow).mutate({ object, id })}
    >
      {following ? tr('rec.unfollow') : tr('rec.follow')}
    </Button>
  );
}

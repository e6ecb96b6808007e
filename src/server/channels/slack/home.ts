import type { HomeView } from '@slack/types';
import type { Ready } from '../../env';
import type { Answerer } from '../../../core/answer/types';
import type { SlackContext } from './context';
import { homeView } from './home-view';
import type { Prompt } from './prompts';

/** Publishes the Home tab for one user, unless the tab already shows this version of it. */
export type HomePublisher = (ready: Ready, opened: { user: string; shown?: string }) => Promise<void>;

/**
 * The Home tab, built once per index (the standing briefing is the costly part: on a language model
 * it is a model call per section) and kept until the index changes, then published with
 * `views.publish` whenever someone opens the tab and it does not show this version yet (Slack
 * sends the shown view's `private_metadata` with `app_home_opened`). A view built without its
 * briefing or its prompts, because making them failed, is not kept: the next opening tries again.
 */
export function createHomePublisher(ctx: SlackContext, prompts: (answerer: Answerer) => Promise<Prompt[]>): HomePublisher {
  const views = new WeakMap<Ready['index'], Promise<HomeView>>();

  async function build(ready: Ready): Promise<{ view: HomeView; keep: boolean }> {
    const failed = (what: string) => (err: unknown) => void ctx.logger.error(`slack home ${what} failed`, { error: String(err) });
    const [briefing, offered] = await Promise.all([ready.answerer.brief({}).catch(failed('briefing')), prompts(ready.answerer).catch(failed('prompts'))]);
    return { view: homeView({ briefing: briefing ?? undefined, prompts: offered ?? [], command: ctx.config.SLACK_COMMAND }), keep: Boolean(briefing && offered) };
  }

  function viewFor(ready: Ready): Promise<HomeView> {
    const known = views.get(ready.index);
    if (known) return known;
    const built = build(ready);
    const view = built.then((b) => b.view);
    views.set(ready.index, view);
    void built.then((b) => b.keep || views.delete(ready.index), () => views.delete(ready.index));
    return view;
  }

  return async (ready, { user, shown }) => {
    const view = await viewFor(ready);
    if (shown === view.private_metadata) {
      ctx.logger.debug('slack home tab already current', { user });
      return;
    }
    await ctx.api.call('views.publish', { user_id: user, view });
  };
}

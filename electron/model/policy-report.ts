import { channelLimits } from './channels';
import type { ChannelId, PostContent } from './post';
import { checkPolicy, type Policy, type PolicyContext, type PolicyRule } from './policy';

/**
 * What the compliance policy checked for a post, rule by rule, for the approver's review (docs/review.md): the
 * verdicts are `checkPolicy`'s own (one set of rules); this only adds which rules were on, so a rule that found
 * nothing shows as passed rather than missing.
 */

export const policyRules: readonly PolicyRule[] = ['bannedPhrase', 'disclosure', 'hashtagCap', 'linkDomain', 'expiredLicence', 'watermark'];

export type RuleCheck = {
  rule: PolicyRule;
  /** off: the policy does not ask for it (or it does not apply to this post: not sponsored, channel not listed). */
  status: 'pass' | 'fail' | 'off';
  /** What failed and how to fix it, each said once, with the channels it failed for. */
  problems: { message: string; fix: string; channels: ChannelId[] }[];
};

/** Whether the policy asks `rule` of a post with these facts on one of `channels`. */
function ruleOn(policy: Policy, rule: PolicyRule, ctx: Pick<PolicyContext, 'sponsored'>, channels: readonly ChannelId[]): boolean {
  switch (rule) {
    case 'bannedPhrase':
      return policy.bannedPhrases.length > 0;
    case 'disclosure':
      return policy.requireDisclosure.enabled && ctx.sponsored;
    case 'hashtagCap':
      return policy.hashtagCap !== null;
    case 'linkDomain':
      return policy.allowedLinkDomains.length > 0;
    case 'expiredLicence':
      return policy.blockExpiredLicences;
    case 'watermark':
      return channels.some((c) => policy.requireWatermark.includes(c));
  }
}

/**
 * Every rule of the policy for a post going to `channels`, each with pass / fail / off. `contentFor(channel)` is
 * the text that channel gets (its overrides applied); the checks run per channel as the workflow runs them.
 */
export function policyReport(policy: Policy, channels: readonly ChannelId[], contentFor: (c: ChannelId) => PostContent, ctx: Omit<PolicyContext, 'channel'>): RuleCheck[] {
  const found = new Map<PolicyRule, RuleCheck['problems']>();
  for (const channel of channels) {
    for (const v of checkPolicy(policy, contentFor(channel), { ...ctx, channel })) {
      const list = found.get(v.rule) ?? [];
      const same = list.find((p) => p.message === v.message);
      if (same) same.channels.push(channel);
      else list.push({ message: v.message, fix: v.fix, channels: [channel] });
      found.set(v.rule, list);
    }
  }
  return policyRules.map((rule) => {
    const problems = found.get(rule) ?? [];
    return { rule, status: problems.length ? 'fail' : ruleOn(policy, rule, ctx, channels) ? 'pass' : 'off', problems };
  });
}

/** Channel names as a reader sees them ("TikTok, X"). */
export const channelNames = (channels: readonly ChannelId[]): string => channels.map((c) => channelLimits[c].label).join(', ');

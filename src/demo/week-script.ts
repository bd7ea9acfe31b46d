/**
 * A week at Fernhill, which makes a smart-garden sensor kit. Every line here was written for this demo. Times are
 * offsets into the week (Monday 00:00 in the organisation's timezone); people are the example config's.
 */
export type Where = 'makers' | 'makers-forum' | 'harbor' | 'forum';
export type Person = 'priya' | 'omar' | 'sam' | 'jo' | 'lena' | 'maya';

export type Step =
  | { at: string; capture: { label: string; where: Where; author: string; text: string; title?: string } }
  | { at: string; act: { label: string; team: string; kind: 'acknowledge' | 'own' | 'resolve' | 'decline' | 'pass_on'; by: Person; reason?: string; toTeam?: string } }
  | { at: string; escalate: { label: string; team: string; priority: 'high' | 'urgent'; reason: string; by: Person } }
  | { at: string; merge: { into: string; duplicates: string[]; by: Person } };

export const WEEK: Step[] = [
  { at: 'Mon 09:12', capture: { label: 'wifi', where: 'makers', author: 'fernfan_ana', text: 'Since the 3.2 firmware my Sprout hub drops off Wi-Fi every night around 2am, and the moisture graphs have a hole until I power-cycle it. Is this a bug?' } },
  { at: 'Mon 09:40', capture: { label: 'frost', where: 'makers-forum', author: 'gus_grows', title: 'Frost warnings', text: 'Would love a push notification when the outdoor probe drops below 2°C, so I can cover the seedlings before the frost gets them.' } },
  { at: 'Mon 10:05', capture: { label: 'quote', where: 'harbor', author: 'Dana at Harbor', text: 'We plan to roll Sprout out to 40 more greenhouses next quarter. Could you send us a quote for the enterprise plan?' } },
  { at: 'Mon 10:30', capture: { label: 'thanks', where: 'makers', author: 'bea_b', text: 'thanks everyone, good morning from Lisbon!' } },
  { at: 'Mon 09:52', act: { label: 'wifi', team: 'support', kind: 'acknowledge', by: 'sam' } },
  { at: 'Mon 13:10', act: { label: 'frost', team: 'product', kind: 'acknowledge', by: 'priya' } },
  { at: 'Mon 11:00', act: { label: 'quote', team: 'sales', kind: 'own', by: 'lena' } },
  { at: 'Tue 08:15', capture: { label: 'wifi-too', where: 'makers', author: 'hobbit_harvest', text: 'Same for me: the hub disconnects overnight since updating to 3.2 and the graphs go blank for hours.' } },
  { at: 'Tue 08:30', merge: { into: 'wifi', duplicates: ['wifi-too'], by: 'maya' } },
  { at: 'Tue 11:20', capture: { label: 'export', where: 'harbor', author: 'Dana at Harbor', text: 'The CSV export of sensor history stops after 10,000 rows and breaks our weekly reports. It is broken for every greenhouse we have.' } },
  { at: 'Tue 14:05', capture: { label: 'clay', where: 'forum', author: 'Lee', text: 'How do I calibrate the soil probe for heavy clay soil? The readings seem too high.' } },
  { at: 'Tue 15:30', act: { label: 'wifi', team: 'support', kind: 'resolve', by: 'sam' } },
  { at: 'Tue 16:00', act: { label: 'clay', team: 'support', kind: 'resolve', by: 'jo' } },
  { at: 'Wed 09:05', capture: { label: 'dark', where: 'makers', author: 'night_owl_nia', text: 'In dark mode the graph axis labels disappear completely, the app is broken at night.' } },
  { at: 'Wed 09:40', act: { label: 'dark', team: 'support', kind: 'pass_on', by: 'jo', toTeam: 'product', reason: 'A design problem rather than a fault' } },
  { at: 'Wed 11:15', act: { label: 'dark', team: 'product', kind: 'decline', by: 'omar', reason: 'Graphs are being redesigned for v4, which fixes this; follow the v4 beta thread' } },
  { at: 'Wed 13:30', capture: { label: 'vendors', where: 'harbor', author: 'Dana at Harbor', text: 'Honestly we are starting to look at other vendors, because the frost alerts arrive hours late and we lost a bench of seedlings last week.' } },
  { at: 'Wed 13:45', escalate: { label: 'vendors', team: 'product', priority: 'urgent', reason: 'Harbor renewal is at risk: alerts arrive hours late', by: 'maya' } },
  { at: 'Wed 13:55', act: { label: 'vendors', team: 'product', kind: 'own', by: 'priya' } },
  { at: 'Wed 16:20', act: { label: 'quote', team: 'sales', kind: 'resolve', by: 'lena' } },
  { at: 'Thu 10:10', capture: { label: 'share', where: 'forum', author: 'Ms Okafor', text: 'Feature idea: let teachers share a read-only dashboard link with their students so a class can follow the school garden.' } },
  { at: 'Thu 11:30', capture: { label: 'battery', where: 'makers', author: 'fernfan_ana', text: 'The battery reading jumps from 80% to 20% and back within minutes, which looks like a bug in the gauge.' } },
  { at: 'Thu 12:00', act: { label: 'battery', team: 'support', kind: 'acknowledge', by: 'sam' } },
  { at: 'Fri 09:20', capture: { label: 'api', where: 'makers-forum', author: 'gus_grows', title: 'Home Assistant', text: 'Is there an API to pull readings into Home Assistant? I could not find it in the docs.' } },
  { at: 'Fri 10:00', act: { label: 'api', team: 'support', kind: 'pass_on', by: 'jo', toTeam: 'product', reason: 'The public API is a product decision' } },
  { at: 'Fri 14:30', act: { label: 'api', team: 'product', kind: 'pass_on', by: 'omar', toTeam: 'sales', reason: 'Integrations are a partner-programme question' } },
  { at: 'Fri 15:10', act: { label: 'export', team: 'support', kind: 'resolve', by: 'sam' } },
  { at: 'Fri 15:40', act: { label: 'export', team: 'sales', kind: 'acknowledge', by: 'lena' } },
];

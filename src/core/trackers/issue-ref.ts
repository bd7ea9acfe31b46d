import type { TrackerSettings } from '../../config/tracker-schema.js';

/**
 * The issue a person names when linking, as that tracker's key, or undefined when the text names no issue of this
 * team's tracker. GitHub: a URL, `#42`, `42` or `owner/name#42` of the configured repository. Linear: a URL or
 * `ENG-123` of the configured team. Jira: a URL on the site or `GARDEN-7` of the configured project.
 */
export function parseIssueRef(tracker: TrackerSettings, text: string): string | undefined {
  const ref = text.trim();
  switch (tracker.kind) {
    case 'github': {
      const repo = tracker.repo.toLowerCase();
      const url = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)(?:[/?#].*)?$/i.exec(ref);
      const long = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)#(\d+)$/.exec(ref);
      const short = /^#?(\d+)$/.exec(ref);
      const [named, number] = url ? [url[1], url[2]] : long ? [long[1], long[2]] : short ? [repo, short[1]] : [];
      return named?.toLowerCase() === repo && number ? `${tracker.repo}#${Number(number)}` : undefined;
    }
    case 'linear': {
      const match = /(?:^|\/issue\/)([A-Za-z0-9]+)-(\d+)(?:[/?#].*)?$/.exec(ref);
      return match && match[1]?.toUpperCase() === tracker.team && (ref.startsWith('http') || /^[A-Za-z0-9]+-\d+$/.test(ref)) ? `${tracker.team}-${Number(match[2])}` : undefined;
    }
    case 'jira': {
      const site = new URL(tracker.site).host.toLowerCase();
      const url = /^https?:\/\/([^/]+)\/browse\/([A-Za-z][A-Za-z0-9_]*)-(\d+)(?:[/?#].*)?$/.exec(ref);
      const bare = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(ref);
      const [project, number] = url && url[1]?.toLowerCase() === site ? [url[2], url[3]] : bare ? [bare[1], bare[2]] : [];
      return project?.toUpperCase() === tracker.project && number ? `${tracker.project}-${Number(number)}` : undefined;
    }
  }
}

/** How an issue of this tracker is named, for a form's hint: `#42 or fernhill/garden-app#42`, `ENG-123`, `GARDEN-7`. */
export function issueRefExample(tracker: TrackerSettings): string {
  if (tracker.kind === 'github') return `#42, ${tracker.repo}#42 or the issue's URL`;
  if (tracker.kind === 'linear') return `${tracker.team}-123 or the issue's URL`;
  return `${tracker.project}-7 or the issue's URL`;
}

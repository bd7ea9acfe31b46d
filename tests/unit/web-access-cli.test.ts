import { describe, expect, it } from 'vitest';
import { webUserFromArgument } from '../../src/cli/web-access.js';
import { testConfig } from '../helpers/test-config.js';

describe('who `liaison web-link` and `liaison sessions revoke` are for', () => {
  const config = testConfig();

  it('takes a console name from the config, or platform:id', () => {
    expect(webUserFromArgument(config, 'maya')).toEqual({ platform: 'console', id: 'maya', name: 'Maya' });
    expect(webUserFromArgument(config, 'console:sam')).toEqual({ platform: 'console', id: 'sam', name: 'Sam' });
  });

  it('refuses someone the config does not name, and says what it accepts', () => {
    expect(() => webUserFromArgument(config, 'mallory')).toThrow(
      'mallory is not a user named in the config (teams.<team>.members.users or roles); give a console name like maya, or slack:<id> / discord:<id>.',
    );
  });
});

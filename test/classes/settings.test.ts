import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { isTimezone, suggestTimezones } from '../../src/classes/settings.js';

describe('which timezones a class can choose', () => {
  it('accepts the current names that Node’s own list still spells the old way', () => {
    expect(isTimezone('Asia/Kolkata')).toBe(true);
    expect(isTimezone('Europe/Kyiv')).toBe(true);
    expect(isTimezone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isTimezone('Asia/Calcutta')).toBe(true);
    expect(isTimezone('UTC')).toBe(true);
  });

  it('refuses what is not a place’s timezone, UTC offsets included', () => {
    expect(isTimezone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimezone('')).toBe(false);
    expect(isTimezone('+05:30')).toBe(false);
    expect(isTimezone('-0500')).toBe(false);
  });

  it('schedules the drill at the local time in a zone Node lists under its old name', () => {
    const from = new Date('2026-11-25T12:00:00Z');
    expect(new Cron('0 9 * * *', { timezone: 'Asia/Kolkata' }).nextRun(from)?.toISOString()).toBe(
      '2026-11-26T03:30:00.000Z',
    );
    expect(new Cron('0 9 * * *', { timezone: 'Europe/Kyiv' }).nextRun(from)?.toISOString()).toBe(
      '2026-11-26T07:00:00.000Z',
    );
  });
});

describe('timezone autocomplete', () => {
  it('offers the current names of places that Node lists under their old names', () => {
    expect(suggestTimezones('kolk')).toEqual(['Asia/Kolkata']);
    expect(suggestTimezones('Kyiv')).toEqual(['Europe/Kyiv']);
    expect(suggestTimezones('ho chi')).toEqual(['Asia/Ho_Chi_Minh']);
  });

  it('offers the current name before the old one when both match', () => {
    expect(suggestTimezones('indianapolis')).toEqual(['America/Indiana/Indianapolis', 'America/Indianapolis']);
  });

  it('offers at most 25 zones', () => {
    expect(suggestTimezones('a')).toHaveLength(25);
  });
});

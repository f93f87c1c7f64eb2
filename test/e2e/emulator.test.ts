// The Discord emulator, driven by the real, unmodified discord.js client (no bot code involved).
import * as spec from 'discord-api-spec/zod';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as z from 'zod/mini';
import { startEmulator, type DiscordEmulator, type EmulatedGuild, type EmulatedUser } from './emulator/index.js';

// Shorter than Discord's 3 s so the late-acknowledgement test is quick; long enough for a loaded machine.
const ACK_WINDOW_MS = 1_500;
/** The largest file /import accepts: the bot must refuse bigger ones without downloading them. */
const IMPORT_LIMIT = 1024 * 1024;
const TERMS = ['collectivism', 'colonialism', 'communism', 'individualism'];

const commands = [
  new SlashCommandBuilder()
    .setName('define')
    .setDescription('Define a term')
    .addStringOption((option) =>
      option.setName('term').setDescription('The term').setRequired(true).setAutocomplete(true),
    ),
  new SlashCommandBuilder().setName('think').setDescription('Deferred ephemeral reply'),
  new SlashCommandBuilder().setName('quiz').setDescription('A question with buttons'),
  new SlashCommandBuilder().setName('twice').setDescription('Acknowledges twice'),
  new SlashCommandBuilder().setName('slow').setDescription('Acknowledges too late'),
  new SlashCommandBuilder().setName('early').setDescription('Edits the reply before acknowledging'),
  new SlashCommandBuilder().setName('export').setDescription('Replies with a file'),
  new SlashCommandBuilder().setName('silent').setDescription('Never answers'),
  new SlashCommandBuilder()
    .setName('settings')
    .setDescription('Teachers only')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
  new SlashCommandBuilder()
    .setName('echo')
    .setDescription('Echoes a number')
    .addIntegerOption((option) =>
      option.setName('n').setDescription('A number').setRequired(true).setMinValue(1).setMaxValue(100),
    ),
  new SlashCommandBuilder()
    .setName('import')
    .setDescription('Imports a file')
    .addAttachmentOption((option) => option.setName('file').setDescription('A CSV file').setRequired(true)),
];

/** Discord API errors the handlers caught, by interaction id. */
const apiErrors: { interactionId: string; code: number | string }[] = [];
/** Anything else a handler threw: must stay empty. */
const handlerErrors: unknown[] = [];

async function caught(interaction: Interaction, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    apiErrors.push({ interactionId: interaction.id, code: error.code });
  }
}

async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
  switch (interaction.commandName) {
    case 'define': {
      const term = interaction.options.getString('term', true);
      const embed = new EmbedBuilder().setTitle(term).setDescription(`The definition of ${term}.`);
      await interaction.reply({ content: `Asked by <@${interaction.user.id}>`, embeds: [embed] });
      return;
    }
    case 'think': {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await sleep(30);
      await interaction.editReply('Here is what I found');
      const fetched = await interaction.fetchReply();
      if (fetched.content !== 'Here is what I found') throw new Error(`fetchReply returned "${fetched.content}"`);
      return;
    }
    case 'quiz': {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('answer:a').setLabel('A').setStyle(ButtonStyle.Primary),
        new ButtonBuilder().setCustomId('answer:b').setLabel('B').setStyle(ButtonStyle.Secondary),
      );
      await interaction.reply({ content: 'Which one is right?', components: [row] });
      return;
    }
    case 'twice':
      // A classic race: two code paths both answer before either has finished.
      await caught(interaction, () => Promise.all([interaction.reply('one'), interaction.reply('two')]));
      return;
    case 'slow':
      await sleep(ACK_WINDOW_MS + 250);
      await caught(interaction, () => interaction.reply('too late'));
      return;
    case 'early':
      // editReply() refuses locally before an ack, so go through the webhook as a careless bot could.
      await caught(interaction, () => interaction.webhook.editMessage('@original', { content: 'too early' }));
      await interaction.reply('ok');
      return;
    case 'export': {
      const file = new AttachmentBuilder(Buffer.from('name,score\nana,3\n'), { name: 'scores.csv' });
      await interaction.reply({ content: 'Scores attached', files: [file] });
      return;
    }
    case 'settings':
      await interaction.reply({ content: 'Settings', flags: MessageFlags.Ephemeral });
      return;
    case 'echo':
      await interaction.reply(`n=${interaction.options.getInteger('n', true)}`);
      return;
    case 'import': {
      const file = interaction.options.getAttachment('file', true);
      if (file.size > IMPORT_LIMIT) {
        await interaction.reply({
          content: `${file.name} is too large (${file.size} bytes)`,
          flags: MessageFlags.Ephemeral,
        });
        return;
      }
      const response = await fetch(file.url);
      if (!response.ok) throw new Error(`Downloading ${file.url} answered ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const type = response.headers.get('content-type') ?? 'no content-type';
      await interaction.reply(`${file.name}: ${bytes.byteLength} bytes (${type})\n${new TextDecoder().decode(bytes)}`);
      return;
    }
    default:
      return;
  }
}

async function onButton(interaction: ButtonInteraction): Promise<void> {
  await interaction.update({ content: interaction.customId === 'answer:a' ? 'Correct!' : 'Wrong', components: [] });
  await interaction.followUp({ content: 'Next question soon', flags: MessageFlags.Ephemeral });
}

async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
  const typed = interaction.options.getFocused().toLowerCase();
  await interaction.respond(
    TERMS.filter((term) => term.startsWith(typed)).map((term) => ({ name: term, value: term })),
  );
}

function onInteraction(interaction: Interaction): void {
  const handle = interaction.isChatInputCommand()
    ? onCommand(interaction)
    : interaction.isButton()
      ? onButton(interaction)
      : interaction.isAutocomplete()
        ? onAutocomplete(interaction)
        : Promise.resolve();
  handle.catch((error: unknown) => handlerErrors.push(error));
}

let discord: DiscordEmulator;
let client: Client<true>;
let guild: EmulatedGuild;
let teacher: EmulatedUser;
let student: EmulatedUser;

async function raw(
  method: string,
  path: string,
  body?: unknown,
  auth = true,
): Promise<{ status: number; json: unknown }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers['authorization'] = `Bot ${discord.token}`;
  const response = await fetch(`${discord.apiUrl}/v10${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? null : JSON.parse(text) };
}

beforeAll(async () => {
  discord = await startEmulator({ ackWindowMs: ACK_WINDOW_MS });
  guild = discord.createGuild({ name: 'Class 7B' });
  teacher = discord.createUser({ username: 'mr-lopes' });
  student = discord.createUser({ username: 'ana', locale: 'pt-BR' });
  discord.addMember(guild.id, teacher.id, { permissions: PermissionFlagsBits.ManageGuild });
  discord.addMember(guild.id, student.id);

  client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: discord.apiUrl },
    allowedMentions: { parse: [] },
    // discord.js spaces IDENTIFYs 5 s apart per process; skip that so the reconnect test stays fast.
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: () => Promise.resolve() }) },
  });
  client.on(Events.InteractionCreate, onInteraction);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(discord.token);
  await ready;
  await client.application.commands.set([new SlashCommandBuilder().setName('ping').setDescription('Ping')]);
  await client.application.commands.set(commands, guild.id);
});

afterEach(() => {
  expect(discord.takeViolations()).toEqual([]);
  expect(handlerErrors).toEqual([]);
});

afterAll(async () => {
  await client.destroy();
  await discord.close();
});

describe('Discord emulator, driven by the real discord.js client', () => {
  it('lets discord.js log in: gateway discovery, IDENTIFY, READY and GUILD_CREATE', async () => {
    const identify = await discord.waitFor('identify');
    expect(identify.intents).toBe(GatewayIntentBits.Guilds);
    expect(discord.requests.some((request) => request.method === 'GET' && request.path === '/gateway/bot')).toBe(true);
    expect(client.user.id).toBe(discord.botUser.id);
    expect(client.application.id).toBe(discord.applicationId);
    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('Class 7B');
    expect(cached?.channels.cache.get(guild.channelId)?.isTextBased()).toBe(true);
    expect(cached?.roles.everyone.id).toBe(guild.id);
    expect(discord.connectedSessions).toBe(1);
  });

  it('records bulk command registrations and assigns ids as Discord does', async () => {
    const global = await discord.waitForCommands({ scope: 'global' });
    expect(global.commands.map((command) => command.name)).toEqual(['ping']);
    const registration = await discord.waitForCommands({ scope: 'guild' });
    expect(registration.guildId).toBe(guild.id);
    expect(registration.commands.map((command) => command.name)).toEqual(commands.map((command) => command.name));
    for (const command of registration.commands) expect(command.id).toMatch(/^\d{17,20}$/);
    expect(registration.commands.find((command) => command.name === 'settings')?.default_member_permissions).toBe(
      PermissionFlagsBits.ManageGuild.toString(),
    );
    expect(discord.commands(guild).map((command) => command.name)).toContain('ping');

    // Re-registering keeps ids (Discord updates commands in place).
    const since = Date.now();
    const again = await client.application.commands.set(commands, guild.id);
    const second = await discord.waitForCommands({ scope: 'guild', since });
    expect(second.commands.map((command) => command.id)).toEqual(registration.commands.map((command) => command.id));
    expect([...again.keys()]).toEqual(second.commands.map((command) => command.id));
  });

  it('delivers a slash command and validates and counts the reply body; nothing can ping', async () => {
    const before = discord.bodiesChecked;
    const interaction = await discord.runCommand({
      user: student,
      guild,
      name: 'define',
      options: [{ name: 'term', type: 3, value: 'collectivism' }],
    });
    const callback = await interaction.acknowledged();
    expect(callback.type).toBe(4);
    expect(interaction.ackLatencyMs).toBeLessThan(ACK_WINDOW_MS);
    const reply = await interaction.reply();
    expect(reply.content).toBe(`Asked by <@${student.id}>`);
    expect(reply.embeds[0]?.title).toBe('collectivism');
    expect(reply.ephemeral).toBe(false);
    expect(reply.allowedMentions).toMatchObject({ present: true, parse: [] });
    expect(discord.bodiesChecked).toBe(before + 1);
    expect(discord.unsafeMentions()).toEqual([]);
  });

  it('answers autocomplete with the choices the bot offers', async () => {
    const choices = await discord.autocomplete({ user: student, guild, name: 'define', focused: 'term', value: 'col' });
    expect(choices).toEqual([
      { name: 'collectivism', value: 'collectivism' },
      { name: 'colonialism', value: 'colonialism' },
    ]);
  });

  it('resolves a deferred ephemeral reply once the bot edits it', async () => {
    const interaction = await discord.runCommand({ user: student, guild, name: 'think' });
    const reply = await interaction.reply();
    expect(interaction.callbackType).toBe(5);
    expect(reply).toMatchObject({ content: 'Here is what I found', ephemeral: true, loading: false });
  });

  it('clicks a button on the bot message: update plus an ephemeral follow-up', async () => {
    const quiz = await (await discord.runCommand({ user: student, guild, name: 'quiz' })).reply();
    expect(quiz.components).toHaveLength(1);
    const click = await discord.clickButton({ user: student, guild, message: quiz, customId: 'answer:a' });
    expect(click.payload['message']).toMatchObject({ id: quiz.id });
    const updated = await click.reply();
    expect(click.callbackType).toBe(7);
    expect(updated).toMatchObject({ id: quiz.id, content: 'Correct!', components: [] });
    expect(await click.followUp(0)).toMatchObject({ content: 'Next question soon', ephemeral: true });
    await expect(discord.clickButton({ user: student, guild, message: quiz, customId: 'answer:b' })).rejects.toThrow(
      /no component/,
    );
  });

  it('parses multipart bodies and records attachments', async () => {
    const reply = await (await discord.runCommand({ user: student, guild, name: 'export' })).reply();
    expect(reply.content).toBe('Scores attached');
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0]).toMatchObject({ filename: 'scores.csv', text: 'name,score\nana,3\n' });
    // The file is served at the url the message payload gives, as Discord's CDN serves message attachments.
    const { json } = await raw('GET', `/channels/${reply.channelId}/messages/${reply.id}`);
    const url = z.object({ attachments: z.tuple([z.object({ url: z.string() })]) }).parse(json).attachments[0].url;
    const download = await fetch(url);
    expect([download.status, await download.text()]).toEqual([200, 'name,score\nana,3\n']);
  });

  it('delivers an ATTACHMENT option: discord.js resolves it and the bot downloads it from the CDN', async () => {
    const csv = 'term,definition\ncafé,a coffee house\n';
    const file = discord.uploadAttachment({ filename: 'glossary.csv', bytes: csv });
    expect(file).toMatchObject({ filename: 'glossary.csv', contentType: 'text/csv; charset=utf-8' });
    expect(file.size).toBe(csv.length + 1); // "é" is two bytes in UTF-8
    const run = await discord.runCommand({
      user: teacher,
      guild,
      name: 'import',
      options: [{ name: 'file', value: file.id }],
    });
    const reply = await run.reply();
    expect(reply.content).toBe(`glossary.csv: ${file.size} bytes (text/csv; charset=utf-8)\n${csv}`);
    expect(discord.attachmentDownloads.filter((download) => download.attachmentId === file.id)).toMatchObject([
      { method: 'GET', status: 200, bytes: file.size },
    ]);

    // The option carries the id; the file itself is in data.resolved.attachments, shaped as Discord's Attachment.
    expect(run.payload['data']).toMatchObject({ options: [{ name: 'file', type: 11, value: file.id }] });
    const payload = z
      .object({ data: z.object({ resolved: z.object({ attachments: z.record(z.string(), z.unknown()) }) }) })
      .parse(run.payload);
    const sent = payload.data.resolved.attachments[file.id];
    expect(sent).toEqual({
      id: file.id,
      filename: 'glossary.csv',
      size: file.size,
      url: file.url,
      proxy_url: file.url,
      content_type: 'text/csv; charset=utf-8',
      ephemeral: true,
    });
    const checked = spec.AttachmentResponseSchema.safeParse(sent);
    expect(checked.error).toBeUndefined();
    expect(checked.data).toEqual(sent); // zod strips unknown keys: equal means no field the spec lacks
  });

  it('serves uploads only at their signed URL, with Content-Type and Content-Length', async () => {
    const file = discord.uploadAttachment({ filename: 'notes.txt', bytes: 'hello' });
    expect(file.contentType).toBe('text/plain; charset=utf-8');
    expect(file.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/ephemeral-attachments\/\d+\/\d+\/notes\.txt\?ex=[0-9a-f]+&is=[0-9a-f]+&hm=[0-9a-f]{64}&$/,
    );
    const binary = discord.uploadAttachment({ filename: 'scores.xlsx', bytes: new Uint8Array([80, 75, 3, 4]) });
    expect(binary).toMatchObject({ size: 4, contentType: 'application/octet-stream' });

    const head = await fetch(file.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(head.headers.get('content-length')).toBe('5');
    const unsigned = await fetch(file.url.replace(/\?.*$/, ''));
    expect([unsigned.status, await unsigned.text()]).toEqual([404, 'This content is no longer available.']);
    const tampered = new URL(file.url);
    tampered.searchParams.set('ex', 'ffffffff');
    expect((await fetch(tampered)).status).toBe(404);
    expect(discord.takeViolations()).toMatchObject([
      { method: 'GET', status: 404, detail: expect.stringMatching(/unsigned/) },
      { method: 'GET', status: 404, detail: expect.stringMatching(/signature/) },
    ]);
    expect(discord.attachmentDownloads.filter((download) => download.attachmentId === file.id)).toMatchObject([
      { method: 'HEAD', status: 200, bytes: 0 },
      { method: 'GET', status: 404, bytes: 0 },
      { method: 'GET', status: 404, bytes: 0 },
    ]);
  });

  it('accepts a 5 MB upload the bot must refuse itself, and refuses what the Discord client would not send', async () => {
    const big = discord.uploadAttachment({ filename: 'huge.csv', bytes: Buffer.alloc(5_000_000, 'a') });
    const run = await discord.runCommand({
      user: teacher,
      guild,
      name: 'import',
      options: [{ name: 'file', value: big.id }],
    });
    expect(await run.reply()).toMatchObject({ content: 'huge.csv is too large (5000000 bytes)', ephemeral: true });
    expect(discord.attachmentDownloads.filter((download) => download.attachmentId === big.id)).toEqual([]);

    const limit = discord.attachmentSizeLimit;
    expect(limit).toBe(10 * 1024 * 1024);
    expect(run.payload['attachment_size_limit']).toBe(limit);
    expect(discord.uploadAttachment({ filename: 'full.csv', bytes: Buffer.alloc(limit) }).size).toBe(limit);
    expect(() => discord.uploadAttachment({ filename: 'over.csv', bytes: Buffer.alloc(limit + 1) })).toThrow(
      /refuses uploads over/,
    );
    await expect(
      discord.runCommand({ user: teacher, guild, name: 'import', options: [{ name: 'file', value: '1234' }] }),
    ).rejects.toThrow(/no uploaded file 1234/);
  });

  it('records channel messages and flags payloads that could ping', async () => {
    const channel = await client.channels.fetch(guild.channelId);
    if (!channel?.isSendable()) throw new Error('the default channel should be sendable');
    const sent = await channel.send('Class starts at 9');
    expect(discord.channelMessages(guild.channelId).map((message) => message.content)).toEqual(['Class starts at 9']);
    expect(discord.message(sent.id).allowedMentions).toMatchObject({ present: true, parse: [] });

    await channel.send({ content: `<@${student.id}> wake up`, allowedMentions: { parse: ['users'] } });
    const risky = discord.unsafeMentions();
    expect(risky).toHaveLength(1);
    expect(risky[0]?.pings.users).toEqual([student.id]);
  });

  it('refuses a schema-invalid body with 400/50035 and records it', async () => {
    const before = discord.bodiesChecked;
    const { status, json } = await raw('POST', `/channels/${guild.channelId}/messages`, {
      content: 42,
      embeds: [{ title: 'ok', colour: 5 }],
    });
    expect(status).toBe(400);
    expect(json).toMatchObject({ code: 50035, message: 'Invalid Form Body', errors: { content: { _errors: [{}] } } });
    expect(discord.bodiesChecked).toBe(before + 1);
    const [violation] = discord.takeViolations();
    expect(violation).toMatchObject({ method: 'POST', status: 400, code: 50035 });
    expect(violation?.issues.map((issue) => issue.path)).toEqual(['content']);

    // Unknown fields are refused too (Discord would silently drop them: a sign of a typo).
    const unknown = await raw('POST', `/channels/${guild.channelId}/messages`, {
      embeds: [{ title: 'ok', colour: 5 }],
    });
    expect(unknown.json).toMatchObject({
      code: 50035,
      errors: { embeds: { 0: { colour: { _errors: [{ code: 'UNKNOWN_FIELD' }] } } } },
    });
    expect(discord.takeViolations()).toHaveLength(1);
  });

  it('refuses a second acknowledgement with 40060', async () => {
    const interaction = await discord.runCommand({ user: student, guild, name: 'twice' });
    await vi.waitFor(() => expect(apiErrors).toContainEqual({ interactionId: interaction.id, code: 40060 }));
    expect((await interaction.reply()).content).toMatch(/^(one|two)$/);
    expect(discord.takeViolations()).toMatchObject([{ status: 400, code: 40060, interactionId: interaction.id }]);
  });

  it('refuses an acknowledgement after the ack window with 10062', async () => {
    const interaction = await discord.runCommand({ user: student, guild, name: 'slow' });
    await expect(interaction.acknowledged()).rejects.toThrow(/10062/);
    await vi.waitFor(() => expect(apiErrors).toContainEqual({ interactionId: interaction.id, code: 10062 }));
    expect(discord.takeViolations()).toMatchObject([{ status: 404, code: 10062 }]);
  });

  it('refuses webhook edits before the callback with 10015', async () => {
    const interaction = await discord.runCommand({ user: student, guild, name: 'early' });
    expect((await interaction.reply()).content).toBe('ok');
    expect(apiErrors).toContainEqual({ interactionId: interaction.id, code: 10015 });
    expect(discord.takeViolations()).toMatchObject([{ status: 404, code: 10015 }]);
  });

  it('records unknown routes and bad authorization as violations', async () => {
    expect((await raw('GET', `/guilds/${guild.id}/bans`)).json).toEqual({ message: '404: Not Found', code: 0 });
    expect((await raw('GET', '/gateway/bot', undefined, false)).status).toBe(401);
    expect(discord.takeViolations().map((violation) => violation.status)).toEqual([404, 401]);
  });

  it('only lets members with the required permissions run a restricted command', async () => {
    await expect(discord.runCommand({ user: student, guild, name: 'settings' })).rejects.toThrow(
      /cannot use \/settings/,
    );
    const reply = await (await discord.runCommand({ user: teacher, guild, name: 'settings' })).reply();
    expect(reply).toMatchObject({ content: 'Settings', ephemeral: true });
    await expect(
      discord.runCommand({ user: student, guild, name: 'echo', options: [{ name: 'n', value: 500 }] }),
    ).rejects.toThrow(/at most 100/);
  });

  it('answers ?with_response=true with a spec-conformant InteractionCallbackResponse', async () => {
    const interaction = await discord.runCommand({ user: student, guild, name: 'silent' });
    const token = String(interaction.payload['token']);
    const { status, json } = await raw(
      'POST',
      `/interactions/${interaction.id}/${token}/callback?with_response=true`,
      { type: 4, data: { content: 'hello', allowed_mentions: { parse: [] } } },
      false,
    );
    expect(status).toBe(200);
    expect(spec.InteractionCallbackResponseSchema.safeParse(json).error).toBeUndefined();
    expect(json).toMatchObject({
      interaction: { id: interaction.id },
      resource: { type: 4, message: { content: 'hello' } },
    });
  });

  it('answers REST calls with bodies that match the spec response schemas', async () => {
    const check = async (path: string, schema: z.ZodMiniType) => {
      const { status, json } = await raw('GET', path);
      expect(status).toBe(200);
      expect(schema.safeParse(json).error).toBeUndefined();
    };
    await check('/gateway/bot', spec.GatewayBotResponseSchema);
    await check('/users/@me', spec.UserPIIResponseSchema);
    await check('/applications/@me', spec.PrivateApplicationResponseSchema);
    await check(`/applications/${discord.applicationId}/commands`, z.array(spec.ApplicationCommandResponseSchema));
    await check(
      `/applications/${discord.applicationId}/guilds/${guild.id}/commands`,
      z.array(spec.ApplicationCommandResponseSchema),
    );
    const [posted] = discord.channelMessages(guild.channelId);
    await check(`/channels/${guild.channelId}/messages/${posted?.id ?? ''}`, spec.MessageResponseSchema);
  });

  it('handles 30 concurrent interactions', async () => {
    const handles = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        discord.runCommand({ user: student, guild, name: 'echo', options: [{ name: 'n', value: index + 1 }] }),
      ),
    );
    const replies = await Promise.all(handles.map((handle) => handle.reply()));
    expect(replies.map((reply) => reply.content)).toEqual(handles.map((_, index) => `n=${index + 1}`));
  });

  it('survives dropped connections: RESUME, then a fresh IDENTIFY; interactions wait for the bot', async () => {
    const beforeResume = Date.now();
    discord.disconnectAll();
    const waiting = discord.runCommand({ user: student, guild, name: 'echo', options: [{ name: 'n', value: 7 }] });
    await discord.waitFor('resume', { since: beforeResume });
    expect((await (await waiting).reply()).content).toBe('n=7');

    const beforeIdentify = Date.now();
    discord.disconnectAll({ code: 1000 });
    await discord.waitFor('identify', { since: beforeIdentify });
    const again = await discord.runCommand({ user: student, guild, name: 'echo', options: [{ name: 'n', value: 8 }] });
    expect((await again.reply()).content).toBe('n=8');
  });
});

describe('Discord emulator without a bot', () => {
  let lonely: DiscordEmulator;
  let room: EmulatedGuild;

  const put = async (body: unknown) => {
    const response = await fetch(
      `${lonely.apiUrl}/v10/applications/${lonely.applicationId}/guilds/${room.id}/commands`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bot ${lonely.token}` },
        body: JSON.stringify(body),
      },
    );
    return { status: response.status, json: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    lonely = await startEmulator({ sessionWaitMs: 100 });
    room = lonely.createGuild({ name: 'Empty class' });
  });

  afterAll(async () => {
    await lonely.close();
  });

  it('accepts default_member_permissions as a string of digits and refuses anything else', async () => {
    const accepted = await put([{ name: 'grade', description: 'Grade', default_member_permissions: '32' }]);
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject([{ name: 'grade', default_member_permissions: '32', guild_id: room.id }]);
    const refused = await put([{ name: 'grade', description: 'Grade', default_member_permissions: 'lots' }]);
    expect(refused.status).toBe(400);
    expect(lonely.takeViolations()).toMatchObject([{ code: 50035, method: 'PUT' }]);
  });

  it('enforces the command rules the schema cannot express', async () => {
    const { status, json } = await put([
      { name: 'Quiz', description: 'Upper case' },
      {
        name: 'drill',
        description: 'Bad options',
        options: [
          { type: 3, name: 'topic', description: 'Optional' },
          { type: 3, name: 'level', description: 'Required after optional', required: true },
        ],
      },
      { name: 'drill', description: 'Duplicate' },
    ]);
    expect(status).toBe(400);
    const codes = lonely.takeViolations().flatMap((violation) => violation.issues.map((issue) => issue.code));
    expect(codes).toEqual([
      'APPLICATION_COMMAND_INVALID_NAME',
      'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
      'APPLICATION_COMMANDS_DUPLICATE_NAME',
    ]);
    expect(json).toMatchObject({ code: 50035, errors: { 0: { name: { _errors: [{}] } } } });
  });

  it('fails clearly when an interaction cannot reach a bot', async () => {
    const user = lonely.createUser({ username: 'ben' });
    lonely.addMember(room.id, user.id);
    await expect(lonely.runCommand({ user, guild: room, name: 'nothing' })).rejects.toThrow(
      /No slash command \/nothing/,
    );
    // The owner may use /grade (default_member_permissions 32); there is just no bot to deliver it to.
    await expect(lonely.runCommand({ user: room.ownerId, guild: room, name: 'grade' })).rejects.toThrow(
      /connected bot session/,
    );
  });

  it('closes gateway connections that break the protocol', async () => {
    const socket = new WebSocket(`${lonely.gatewayUrl}/?v=10&encoding=json`);
    const [hello] = (await once(socket, 'message')) as [Buffer];
    expect(JSON.parse(hello.toString())).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 1, properties: {} } }));
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4004);
    expect(lonely.takeViolations()).toMatchObject([{ method: 'GATEWAY', code: 4004 }]);
  });
});

describe('Discord emulator with two shards', () => {
  let sharded: DiscordEmulator;
  const shardClients: Client[] = [];

  /** Logs a discord.js client in as one shard of two; it answers /where with the shard it runs. */
  async function connectShard(shard: number): Promise<Client<true>> {
    const shardClient = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: sharded.apiUrl },
      shards: [shard],
      shardCount: 2,
    });
    shardClients.push(shardClient);
    shardClient.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) {
        interaction.reply(`shard ${shard}`).catch((error: unknown) => handlerErrors.push(error));
      }
    });
    const ready = new Promise<Client<true>>((resolve) => shardClient.once(Events.ClientReady, resolve));
    await shardClient.login(sharded.token);
    return ready;
  }

  /** IDENTIFYs over a bare WebSocket and resolves with READY and the GUILD_CREATEs that follow it. */
  async function identifyBare(emulator: DiscordEmulator, shard: unknown, guilds: number) {
    const socket = new WebSocket(`${emulator.gatewayUrl}/?v=10&encoding=json`);
    const received: { t: string; d: Record<string, unknown> }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      socket.on('message', (data: Buffer) => {
        const payload = JSON.parse(data.toString()) as { op: number; t: string; d: Record<string, unknown> };
        if (payload.op === 10) {
          socket.send(JSON.stringify({ op: 2, d: { token: emulator.token, intents: 1, properties: {}, shard } }));
        } else if (payload.op === 0) {
          received.push(payload);
          if (received.length === guilds + 1) resolve();
        }
      });
      socket.once('close', (code) => reject(new Error(`closed with ${code}`)));
    });
    await done;
    socket.terminate();
    const [ready, ...creates] = received;
    return { ready, creates };
  }

  beforeAll(async () => {
    sharded = await startEmulator({ shards: 2 });
  });

  afterAll(async () => {
    await Promise.all(shardClients.map((shardClient) => shardClient.destroy()));
    await sharded.close();
  });

  it('recommends its shard count and puts a guild on the shard asked for', async () => {
    const response = await fetch(`${sharded.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${sharded.token}` },
    });
    expect(((await response.json()) as { shards: number }).shards).toBe(2);
    for (const shard of [1, 0, 1, 1, 0]) {
      const created = sharded.createGuild({ name: `On shard ${shard}`, shard });
      expect((BigInt(created.id) >> 22n) % 2n).toBe(BigInt(shard));
      expect(sharded.shardOf(created)).toBe(shard);
    }
    expect(() => sharded.createGuild({ name: 'Nowhere', shard: 2 })).toThrow(/No shard 2/);
  });

  it("gives each shard's session only its guilds, and sends each guild's events there", async () => {
    const [first, second] = [0, 1].map((shard) => sharded.createGuild({ name: `Class on ${shard}`, shard })) as [
      EmulatedGuild,
      EmulatedGuild,
    ];
    const [zero, one] = await Promise.all([connectShard(0), connectShard(1)]);
    expect(zero.guilds.cache.has(first.id)).toBe(true);
    expect(one.guilds.cache.has(second.id)).toBe(true);
    expect([...zero.guilds.cache.keys()].every((id) => sharded.shardOf(id) === 0)).toBe(true);
    expect([...one.guilds.cache.keys()].every((id) => sharded.shardOf(id) === 1)).toBe(true);
    expect(zero.guilds.cache.size + one.guilds.cache.size).toBe(7);
    expect(sharded.connectedShards).toEqual([0, 1]);
    const identified = sharded.gatewayEvents.filter((event) => event.type === 'identify');
    expect(identified.map((event) => event.shard).sort()).toEqual([0, 1]);

    // A server joined later is announced to its own shard only.
    const later = sharded.createGuild({ name: 'Joined later', shard: 1 });
    await vi.waitFor(() => expect(one.guilds.cache.has(later.id)).toBe(true));
    expect(zero.guilds.cache.has(later.id)).toBe(false);

    await zero.application.commands.set([new SlashCommandBuilder().setName('where').setDescription('Which shard')]);
    const asker = sharded.createUser({ username: 'asker' });
    const answers = [];
    for (const guild of [first, second, later]) {
      sharded.addMember(guild, asker);
      answers.push((await (await sharded.runCommand({ user: asker, guild, name: 'where' })).reply()).content);
    }
    expect(answers).toEqual(['shard 0', 'shard 1', 'shard 1']);
    expect(sharded.takeViolations()).toEqual([]);
  });

  it('closes with 4010 a session whose shard does not fit what /gateway/bot says', async () => {
    for (const shard of [undefined, [0, 1], [2, 2], [-1, 2], [0]]) {
      const socket = new WebSocket(`${sharded.gatewayUrl}/?v=10&encoding=json`);
      await once(socket, 'message');
      socket.send(JSON.stringify({ op: 2, d: { token: sharded.token, intents: 1, properties: {}, shard } }));
      const [code] = (await once(socket, 'close')) as [number];
      expect(code).toBe(4010);
    }
    expect(sharded.takeViolations().map((violation) => violation.code)).toEqual([4010, 4010, 4010, 4010, 4010]);
  });

  it('adds a thousand servers of 40 members at once, each shard getting its own', async () => {
    const school = await startEmulator({ shards: 2 });
    try {
      const guilds = school.createGuilds({ count: 1000, members: 40, namePrefix: 'School' });
      expect(guilds).toHaveLength(1000);
      expect(guilds[999]?.name).toBe('School 1000');
      const sessions = await Promise.all(
        [0, 1].map((shard) =>
          identifyBare(school, [shard, 2], guilds.filter((guild) => school.shardOf(guild) === shard).length),
        ),
      );
      const readyIds = sessions.map(({ ready }) =>
        (ready?.d['guilds'] as { id: string }[]).map((guild) => guild.id).sort(),
      );
      for (const [shard, ids] of readyIds.entries()) {
        expect(ids.length).toBeGreaterThan(0);
        expect(ids.every((id) => (BigInt(id) >> 22n) % 2n === BigInt(shard))).toBe(true);
      }
      expect(readyIds.flat().sort()).toEqual(guilds.map((guild) => guild.id).sort());
      const creates = sessions.flatMap(({ creates }) => creates);
      expect(creates.every((event) => event.t === 'GUILD_CREATE' && event.d['member_count'] === 42)).toBe(true);
      expect(school.violations).toEqual([]);
    } finally {
      await school.close();
    }
  });
});

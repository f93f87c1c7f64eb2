// The benchmarks' baseline bot: the least a discord.js bot can do. It logs in the way Lectern does
// (REST base from DISCORD_API_URL, gateway address from that API), registers the command set it is
// given in one bulk PUT (in COMMAND_GUILD_ID, or globally without it, as Lectern does), and answers
// every interaction at once with a fixed reply, doing no work. Its caches are discord.js's defaults.
import {
  ButtonStyle,
  Client,
  ComponentType,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { BASELINE_BUTTON, BASELINE_CLICKED, BASELINE_REPLY } from './baseline-reply.js';

// One button on the /quiz reply, so the bench has something to click; every click keeps it.
const buttonRow = {
  type: ComponentType.ActionRow,
  components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Answer', custom_id: BASELINE_BUTTON }],
} as const;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`baseline bot: ${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const token = required('DISCORD_TOKEN');
  const guildId = process.env['COMMAND_GUILD_ID'];
  // The same command JSON Lectern registers, handed over by the bench so the PUT bodies are equal.
  const body = JSON.parse(required('BENCH_COMMANDS')) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
  const api = process.env['DISCORD_API_URL'];

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...(api ? { rest: { api } } : {}),
  });
  process.once('SIGTERM', () => {
    void client.destroy().finally(() => process.exit(0));
  });
  // A failed answer is printed, not thrown: the bench then sees no reply and says so.
  const report = (error: unknown) => console.error('baseline bot: could not answer:', error);
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) {
      interaction
        .reply({
          content: BASELINE_REPLY,
          flags: MessageFlags.Ephemeral,
          ...(interaction.commandName === 'quiz' ? { components: [buttonRow] } : {}),
        })
        .catch(report);
    } else if (interaction.isButton()) {
      interaction.update({ content: BASELINE_CLICKED, components: [buttonRow] }).catch(report);
    } else if (interaction.isAutocomplete()) {
      interaction.respond([{ name: 'baseline', value: 'baseline' }]).catch(report);
    }
  });

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(token);
  const readyClient = await ready;
  const route = guildId
    ? Routes.applicationGuildCommands(readyClient.application.id, guildId)
    : Routes.applicationCommands(readyClient.application.id);
  await readyClient.rest.put(route, { body });
}

main().catch((error: unknown) => {
  console.error('baseline bot: could not start:', error);
  process.exit(1);
});

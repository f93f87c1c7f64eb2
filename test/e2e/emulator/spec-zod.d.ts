// `discord-api-spec/zod` ships plain JavaScript (its package.json points "types" at the .js file), so TypeScript
// sees it as untyped. Declare the schemas the emulator uses; each is a zod-mini schema over unknown JSON.
declare module 'discord-api-spec/zod' {
  import type { ZodMiniType } from 'zod/mini';

  // Request bodies
  export const ApplicationCommandUpdateRequestSchema: ZodMiniType;
  export const PongInteractionCallbackRequestSchema: ZodMiniType;
  export const CreateMessageInteractionCallbackRequestSchema: ZodMiniType;
  export const UpdateMessageInteractionCallbackRequestSchema: ZodMiniType;
  export const ApplicationCommandAutocompleteCallbackRequestSchema: ZodMiniType;
  export const ModalInteractionCallbackRequestSchema: ZodMiniType;
  export const LaunchActivityInteractionCallbackRequestSchema: ZodMiniType;
  export const IncomingWebhookRequestPartialSchema: ZodMiniType;
  export const IncomingWebhookUpdateRequestPartialSchema: ZodMiniType;
  export const MessageCreateRequestSchema: ZodMiniType;
  export const MessageEditRequestPartialSchema: ZodMiniType;

  // Response bodies (the emulator's own tests check its answers against these)
  export const GatewayBotResponseSchema: ZodMiniType;
  export const UserPIIResponseSchema: ZodMiniType;
  export const PrivateApplicationResponseSchema: ZodMiniType;
  export const ApplicationCommandResponseSchema: ZodMiniType;
  export const MessageResponseSchema: ZodMiniType;
  export const InteractionCallbackResponseSchema: ZodMiniType;
  export const AttachmentResponseSchema: ZodMiniType;

  /**
   * Only affects schemas built after the call, and every schema is built when the module is first evaluated,
   * so calling it after `import` changes nothing. The emulator detects unknown fields itself (validation.ts).
   */
  export function setStrictObject(strict: boolean): void;
}

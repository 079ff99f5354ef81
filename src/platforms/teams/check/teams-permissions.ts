/**
 * The Microsoft Graph application permissions each incident-space strategy needs, and why. The
 * README's "Install in Teams" lists the same; `npm run teams:check` compares them with the
 * `roles` of the app's Graph token. Resource-specific permissions (the manifest's `*.Group` and
 * `*.Chat`) are granted when the app is installed and are not in that token.
 */
export interface NeededPermission {
  role: string;
  why: string;
}

const COMMON: NeededPermission[] = [
  { role: 'AppCatalog.Read.All', why: "find the app in the school's app catalogue by its manifest id" },
];

export const NEEDED_PERMISSIONS: Record<'chat' | 'channel', NeededPermission[]> = {
  chat: [
    { role: 'Chat.Create', why: "make the incident's group chat (POST /chats)" },
    {
      role: 'TeamsAppInstallation.ReadWriteSelfForChat.All',
      why: 'install the app itself in that chat, so the bot can post its cards there',
    },
    { role: 'ChatMember.ReadWrite.All', why: 'add and remove colleagues later, from the overview’s menu' },
    ...COMMON,
  ],
  channel: [
    { role: 'Channel.Create', why: "make the incident's private channel in the team" },
    { role: 'Channel.ReadBasic.All', why: 'find a channel made by an attempt that was cut short' },
    {
      role: 'ChannelMember.ReadWrite.All',
      why: "add and remove colleagues: resource-specific consent does not cover a private channel's members",
    },
    { role: 'ChannelMessage.Read.All', why: 'find a card posted by an attempt that was cut short' },
    { role: 'ChannelSettings.ReadWrite.All', why: 'archive the channel after closing, when asked' },
  ],
};

// The playground page: a small Teams. It sends Bot Framework activities to /api/messages as the
// selected staff member and draws the bot's cards with Microsoft's Adaptive Cards renderer.
(() => {
  const AC = window.AdaptiveCards;
  const CARD = 'application/vnd.microsoft.card.adaptive';
  const BOT = { id: 'stappenplan', name: 'Stappenplan' };
  const serviceUrl = `${location.origin}/playground/connector/`;
  const state = {
    tenantId: '',
    team: null,
    people: [],
    me: null,
    conversations: [],
    current: null,
    /** Card views only the current person sees (answers to their clicks), per message. */
    overrides: new Map(),
    refreshing: new Set(),
  };
  const $ = (id) => document.getElementById(id);
  // The bot's cards use TextRuns (no markdown); any TextBlock is shown as plain text.
  AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
    const div = document.createElement('div');
    div.textContent = text;
    result.outputHtml = div.innerHTML;
    result.didProcess = true;
  };

  const newId = () =>
    window.crypto?.randomUUID
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  const teamsId = (person) => `29:${person.aad}`;
  const label = (person) => `${person.name} (${person.role})`;
  const viewKey = (message) => `${state.me.aad}|${message.conversationId}|${message.id}`;

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store' });
    return response.ok ? response.json() : null;
  }

  function toast(text) {
    const el = $('toast');
    el.textContent = text;
    el.style.display = 'block';
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => {
      el.style.display = 'none';
    }, 6000);
  }

  /** The activity envelope Teams would send for the current person in a conversation. */
  function envelope(conversationId, replyToId) {
    const conversation = state.conversations.find((c) => c.id === conversationId);
    const id = newId();
    const base = {
      id,
      channelId: 'msteams',
      serviceUrl,
      timestamp: new Date().toISOString(),
      locale: 'nl-NL',
      from: { id: teamsId(state.me), name: label(state.me), aadObjectId: state.me.aad },
      recipient: BOT,
      ...(replyToId ? { replyToId } : {}),
    };
    if (conversation?.kind === 'personal') {
      return {
        ...base,
        conversation: { id: conversationId, conversationType: 'personal', tenantId: state.tenantId },
        channelData: { tenant: { id: state.tenantId } },
      };
    }
    if (conversation?.kind === 'chat') {
      // A group chat has no team and no threads.
      return {
        ...base,
        conversation: {
          id: conversationId,
          conversationType: 'groupChat',
          isGroup: true,
          tenantId: state.tenantId,
        },
        channelData: { tenant: { id: state.tenantId } },
      };
    }
    return {
      ...base,
      conversation: {
        id: `${conversationId};messageid=${replyToId || id}`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: state.tenantId,
      },
      channelData: {
        team: { id: state.team.id, name: state.team.name },
        channel: { id: conversationId, name: conversation?.name },
        tenant: { id: state.tenantId },
      },
    };
  }

  async function toBot(activity) {
    const response = await fetch('/api/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  async function send(text, attachments) {
    const conversation = state.conversations.find((c) => c.id === state.current);
    if (!conversation) return;
    const activity = { ...envelope(conversation.id), type: 'message', text, textFormat: 'plain' };
    if (conversation.kind !== 'personal' && /@stappenplan/i.test(text)) {
      activity.text = text.replace(/@stappenplan/gi, '<at>Stappenplan</at>');
      activity.entities = [{ type: 'mention', mentioned: BOT, text: '<at>Stappenplan</at>' }];
    }
    if (attachments) activity.attachments = attachments;
    // Teams keeps the message first and then tells the bot about it.
    await fetch('/playground/record', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: state.me.aad, conversation: conversation.id, activity }),
    });
    await toBot(activity);
    await refresh();
  }

  /** An Action.Execute click (or a refresh) goes to the bot as an adaptiveCard/action invoke. */
  async function invoke(verb, data, message, trigger) {
    const activity = {
      ...envelope(message.conversationId, message.id),
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger },
    };
    let answer = null;
    try {
      answer = await toBot(activity);
    } catch {
      answer = null;
    }
    if (answer?.type === CARD) {
      // The answer is at least as new as the message is now; a later change for everyone replaces it.
      const now = await currentVersion(message);
      state.overrides.set(viewKey(message), { card: answer.value, version: now ?? message.version });
    } else if (answer?.type === 'application/vnd.microsoft.activity.message') {
      toast(String(answer.value));
    } else if (trigger === 'manual') {
      toast('Er ging iets mis. Probeer het opnieuw.');
    }
    await renderMessages();
  }

  async function currentVersion(message) {
    const url = `/playground/messages?user=${encodeURIComponent(state.me.aad)}&conversation=${encodeURIComponent(message.conversationId)}`;
    const messages = await getJson(url);
    return messages?.find((m) => m.id === message.id)?.version;
  }

  function renderCard(json, message) {
    const card = new AC.AdaptiveCard();
    card.onExecuteAction = (action) => {
      if (action instanceof AC.OpenUrlAction) window.open(action.url, '_blank', 'noopener');
      else if (action instanceof AC.ExecuteAction) void invoke(action.verb, action.data, message, 'manual');
    };
    card.parse(json);
    const element = card.render();
    // Universal Actions: the client of a person named in refresh.userIds asks for their own view.
    const refresh = json.refresh;
    const key = viewKey(message);
    if (refresh?.action && refresh.userIds?.includes(teamsId(state.me)) && !state.overrides.has(key)) {
      if (!state.refreshing.has(key)) {
        state.refreshing.add(key);
        void invoke(refresh.action.verb, refresh.action.data || {}, message, 'automatic');
      }
    }
    return element;
  }

  /** Message text as Teams shows it: escapes undone, mentions as @name; never read as HTML. */
  function shownText(text) {
    return text
      .replace(/<at>(.*?)<\/at>/g, '@$1')
      .replace(/\\(.)/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  }

  /** Text as text; only the bot's own download links on this page's address become links. */
  function appendWithDownloads(el, text) {
    const prefix = `${location.origin}/playground/download/`;
    for (const part of text.split(/(\s+)/)) {
      if (part.startsWith(prefix)) {
        const link = document.createElement('a');
        link.href = part;
        link.textContent = decodeURIComponent(part.split('/').pop() || part);
        el.append(link);
      } else {
        el.append(document.createTextNode(part));
      }
    }
  }

  function renderMessage(message, className) {
    const el = document.createElement('div');
    el.className = className;
    el.dataset.messageId = message.id;
    const who = document.createElement('div');
    who.className = 'who';
    who.textContent = message.activity.from?.name || 'Onbekend';
    const time = document.createElement('time');
    time.textContent = new Date(message.at).toLocaleTimeString('nl-NL', {
      hour: '2-digit',
      minute: '2-digit',
    });
    who.append(time);
    el.append(who);
    if (typeof message.activity.text === 'string' && message.activity.text) {
      const text = document.createElement('div');
      text.className = 'text';
      appendWithDownloads(text, shownText(message.activity.text));
      el.append(text);
    }
    for (const attachment of message.activity.attachments || []) {
      if (attachment.contentType === CARD) {
        const override = state.overrides.get(viewKey(message));
        // A change the bot made for everyone replaces a personal view, as in Teams.
        const fresh = override && override.version >= message.version;
        if (override && !fresh) state.overrides.delete(viewKey(message));
        el.append(renderCard(fresh ? override.card : attachment.content, message));
      } else {
        const file = document.createElement('div');
        file.className = 'file';
        file.textContent = `📎 ${attachment.name || 'bestand'} (gedeeld bestand)`;
        el.append(file);
      }
    }
    return el;
  }

  async function renderMessages() {
    const list = $('messages');
    const conversation = state.conversations.find((c) => c.id === state.current);
    $('title').textContent = conversation ? conversationLabel(conversation) : '';
    if (!conversation) {
      list.replaceChildren();
      return;
    }
    const url = `/playground/messages?user=${encodeURIComponent(state.me.aad)}&conversation=${encodeURIComponent(conversation.id)}`;
    const me = state.me;
    const messages = await getJson(url);
    if (me !== state.me || conversation.id !== state.current) return;
    if (!messages) {
      list.textContent = 'Je bent geen lid van dit kanaal.';
      return;
    }
    const ids = new Set(messages.map((m) => m.id));
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
    const threads = messages
      .filter((m) => !m.replyToId || !ids.has(m.replyToId))
      .map((root) => {
        const thread = renderMessage(root, 'thread');
        for (const reply of messages.filter((m) => m.replyToId === root.id))
          thread.append(renderMessage(reply, 'reply'));
        return thread;
      });
    list.replaceChildren(...threads);
    if (nearBottom) list.scrollTop = list.scrollHeight;
  }

  function conversationLabel(conversation) {
    if (conversation.kind === 'private') return `🔒 ${conversation.name}`;
    if (conversation.kind === 'chat') return `👥 ${conversation.name}`;
    if (conversation.kind === 'personal') return `💬 ${conversation.name}`;
    return `# ${conversation.name}`;
  }

  async function refreshConversations() {
    const me = state.me;
    const conversations =
      (await getJson(`/playground/conversations?user=${encodeURIComponent(me.aad)}`)) || [];
    // An answer for someone the page no longer shows must not draw their channels.
    if (me !== state.me) return;
    state.conversations = conversations;
    if (!state.conversations.some((c) => c.id === state.current))
      state.current = state.conversations[0]?.id ?? null;
    const items = state.conversations.map((conversation) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = conversationLabel(conversation);
      button.dataset.conversation = conversation.name;
      button.setAttribute('aria-current', String(conversation.id === state.current));
      button.addEventListener('click', () => {
        state.current = conversation.id;
        void refresh();
      });
      item.append(button);
      return item;
    });
    $('channels').replaceChildren(...items);
  }

  async function refresh() {
    await refreshConversations();
    await renderMessages();
  }

  async function start() {
    const team = await getJson('/playground/team');
    state.tenantId = team.tenantId;
    state.team = team.team;
    state.people = team.people;
    state.me = state.people[0];
    $('team').textContent = `${team.team.name} – Stappenplan speeltuin`;
    const select = $('person');
    for (const person of state.people) {
      const option = document.createElement('option');
      option.value = person.aad;
      option.textContent = label(person);
      select.append(option);
    }
    select.addEventListener('change', () => {
      state.me = state.people.find((p) => p.aad === select.value) || state.people[0];
      // Nothing of the previous colleague stays on screen while the new list loads.
      state.conversations = [];
      $('channels').replaceChildren();
      void refresh();
    });
    $('composer').addEventListener('submit', (event) => {
      event.preventDefault();
      const input = $('text');
      const text = input.value.trim();
      if (!text) return;
      input.value = '';
      void send(text);
    });
    $('share').addEventListener('click', () => {
      void send('(afbeelding)', [
        { contentType: 'image/png', contentUrl: 'about:blank', name: 'afbeelding.png' },
      ]);
    });
    const events = new EventSource('/playground/events');
    events.onmessage = () => void refresh();
    await refresh();
  }

  void start();
})();

"""The parts of the fake Bot API, one concern a module; ``tests.fakes.telegram`` assembles them.

Each concern is a mixin over :class:`~.state.FakeState` (configuration, the lock, users, chats
and messages) that keeps its own state:

- ``chats``: users, groups, channels and membership; ``getChat*``.
- ``messages``: the message store and its views; messages users write.
- ``content``: text, caption and keyboard validation.
- ``sending`` / ``editing``: the methods that send, copy, forward, edit and delete.
- ``callbacks``: button presses and ``answerCallbackQuery``.
- ``files``: uploads, photo sizes, ``getFile`` and downloads.
- ``updates``: the update queue, ``getUpdates`` long polling, webhooks, privacy mode.
- ``rate_limits``: the send log and flood-limit violations.
- ``faults``: injected errors and timeouts.
- ``profile``: ``getMe``, commands, the bot's name and descriptions.
- ``dispatch``: the HTTP entry points that route calls to the method table.

``model``, ``errors`` and ``wire`` hold the records, error answers and request parsing they share.
"""

/**
 * Button and poll-option numbers. Every choice gets a number unique in the session, so typing
 * `3` always means the same button, also on an older message. Editing a message retires its
 * numbers. Message numbers (`#12`) are counted separately by the platform.
 */
export type Choice =
  | { kind: 'button'; number: number; chatId: string; messageId: string; action: string; label: string }
  | { kind: 'poll'; number: number; chatId: string; pollId: string; index: number; label: string };

export interface StoredMessage {
  number: number;
  chatId: string;
  choices: number[];
}

export class ChoiceBook {
  private nextNumber = 1;
  private readonly choices = new Map<number, Choice>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly polls = new Map<string, { closed: boolean; messageId: string }>();

  /** The visible number of a message (`#12`), and a fresh one for messages not seen this session. */
  messageNumber(messageId: string): number | undefined {
    return this.messages.get(messageId)?.number;
  }

  addMessage(messageId: string, number: number, chatId: string): void {
    this.messages.set(messageId, { number, chatId, choices: [] });
  }

  /** Numbers the buttons of a message, replacing (retiring) the numbers it had before. */
  setButtons(messageId: string, rows: { label: string; action: string }[][]): { number: number; label: string }[][] {
    const message = this.messages.get(messageId);
    if (!message) return [];
    this.retire(message);
    return rows.map((row) => row.map(({ label, action }) => {
      const number = this.nextNumber++;
      this.choices.set(number, { kind: 'button', number, chatId: message.chatId, messageId, action, label });
      message.choices.push(number);
      return { number, label };
    }));
  }

  addPoll(pollId: string, messageId: string, labels: string[]): { number: number; label: string }[] {
    const message = this.messages.get(messageId);
    if (!message) return [];
    this.polls.set(pollId, { closed: false, messageId });
    return labels.map((label, index) => {
      const number = this.nextNumber++;
      this.choices.set(number, { kind: 'poll', number, chatId: message.chatId, pollId, index, label });
      message.choices.push(number);
      return { number, label };
    });
  }

  /** Closes a poll (its numbers stay, so a late vote is told the poll is closed); returns its message's number. */
  closePoll(pollId: string): number | undefined {
    const poll = this.polls.get(pollId);
    if (!poll || poll.closed) return undefined;
    poll.closed = true;
    return this.messages.get(poll.messageId)?.number;
  }

  isPollClosed(pollId: string): boolean {
    return this.polls.get(pollId)?.closed ?? true;
  }

  get(number: number): Choice | undefined {
    return this.choices.get(number);
  }

  private retire(message: StoredMessage): void {
    for (const n of message.choices) this.choices.delete(n);
    message.choices = [];
  }
}

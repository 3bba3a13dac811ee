import { Notice } from '../../components/Notice/Notice';

export interface Message {
  kind: 'success' | 'error';
  text: string;
}

/** What came of a choice: good news in a polite live region, a problem as an alert. */
export function Outcome({ message }: { message: Message | null | undefined }) {
  return (
    <>
      <div class="sharing__message" role="status">
        {message?.kind === 'success' && <p>{message.text}</p>}
      </div>
      {message?.kind === 'error' && <Notice kind="error" title={message.text} />}
    </>
  );
}

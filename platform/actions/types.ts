/** What the screens receive about an action (shared by the server's service and the record page, no server code). */
export interface ActionView {
  name: string;
  /** Both languages: the screen picks the one it shows, as for field labels. */
  label: { en: string; zh: string };
  type: 'edit' | 'clone' | 'change_owner' | 'delete' | 'submit_for_approval' | 'follow' | 'url' | 'update' | 'convert';
  /** Shown as a button; otherwise in the "More" menu. */
  main: boolean;
  /** A question asked before it runs. */
  confirm: { en: string; zh: string } | null;
}

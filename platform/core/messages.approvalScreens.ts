/** Text of the approval screens (record panel, inbox, notifications, delegation), in English and Simplified Chinese. */
export const APPROVAL_SCREEN_MESSAGES = {
} as const;

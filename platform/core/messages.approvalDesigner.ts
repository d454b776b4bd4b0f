/** Text of the approval flow designer, in English and Simplified Chinese. */
export const APPROVAL_DESIGNER_MESSAGES = {
} as const;

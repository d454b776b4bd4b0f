'use client';
/**
 * The list's field input (date pickers, number inputs, lookups), loaded when a cell editor or the
 * mass-update dialog first opens: a list page only shows values, and its first paint should not
 * wait for the code of every input.
 */
import dynamic from 'next/dynamic';

export const FieldInput = dynamic(() => import('./FieldInput').then((m) => m.FieldInput), { ssr: false });

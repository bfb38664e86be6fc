import type { StateCreator } from 'zustand';
import type { DraftsSlice } from './draftsSlice';
import type { JobsSlice } from './jobsSlice';
import type { LibrarySlice } from './librarySlice';
import type { OrganiseSlice } from './organiseSlice';
import type { SelectionSlice } from './selectionSlice';
import type { UiSlice } from './uiSlice';

export type Store = LibrarySlice & SelectionSlice & JobsSlice & UiSlice & DraftsSlice & OrganiseSlice;
export type SliceCreator<T> = StateCreator<Store, [], [], T>;

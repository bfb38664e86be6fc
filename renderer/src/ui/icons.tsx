import type { ReactNode, SVGProps } from 'react';

/**
 * The one icon set: 20×20 grid, 1.75 stroke, currentColor. Decorative by default (aria-hidden):
 * the button or text next to an icon carries the label.
 */
type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

function make(paths: ReactNode, displayName: string) {
  function Icon({ size = 20, ...rest }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 20 20"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.75}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...rest}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = displayName;
  return Icon;
}

export const LibraryIcon = make(
  <>
    <rect x="2.5" y="3" width="6.5" height="6" rx="1.5" />
    <rect x="11" y="3" width="6.5" height="6" rx="1.5" />
    <rect x="2.5" y="11" width="6.5" height="6" rx="1.5" />
    <rect x="11" y="11" width="6.5" height="6" rx="1.5" />
  </>,
  'LibraryIcon',
);
export const SettingsIcon = make(
  <>
    <circle cx="10" cy="10" r="2.5" />
    <path d="M10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4" />
  </>,
  'SettingsIcon',
);
/** Brand: a palette with three colour wells (the Brand room's kits). */
export const BrandIcon = make(
  <>
    <path d="M10 2.75a7.25 7.25 0 1 0 0 14.5c1.1 0 1.6-.8 1.2-1.7l-.3-.7c-.45-1 .25-2.1 1.35-2.1h1.6a3.4 3.4 0 0 0 3.4-3.4C17.25 5.6 14 2.75 10 2.75Z" />
    <circle cx="6.5" cy="9" r="1" />
    <circle cx="9" cy="6" r="1" />
    <circle cx="12.75" cy="6.75" r="1" />
  </>,
  'BrandIcon',
);
/** A star: the default kit. */
export const StarIcon = make(<path d="m10 2.75 2.2 4.5 4.95.7-3.6 3.5.85 4.9L10 14.05l-4.4 2.3.85-4.9-3.6-3.5 4.95-.7L10 2.75Z" />, 'StarIcon');
/** Queue: a calendar page with a check (posts planned and approved). */
export const QueueIcon = make(
  <>
    <rect x="3" y="4" width="14" height="13" rx="2" />
    <path d="M3 8h14M7 2.5v3M13 2.5v3M7.5 12.5l1.75 1.75L12.75 11" />
  </>,
  'QueueIcon',
);
export const JobsIcon = make(
  <>
    <path d="M3 5h14M3 10h9M3 15h6" />
    <circle cx="15" cy="14" r="2.5" />
  </>,
  'JobsIcon',
);
export const SearchIcon = make(
  <>
    <circle cx="8.5" cy="8.5" r="5" />
    <path d="M12.5 12.5L17 17" />
  </>,
  'SearchIcon',
);
export const ImportIcon = make(
  <>
    <path d="M10 3v9.5M6 8.5l4 4 4-4" />
    <path d="M3.5 13.5v2a1.5 1.5 0 001.5 1.5h10a1.5 1.5 0 001.5-1.5v-2" />
  </>,
  'ImportIcon',
);
export const VideoIcon = make(
  <>
    <rect x="2.5" y="5" width="10.5" height="10" rx="2" />
    <path d="M13 9l4.5-2.5v7L13 11" />
  </>,
  'VideoIcon',
);
export const ImageIcon = make(
  <>
    <rect x="2.5" y="3.5" width="15" height="13" rx="2" />
    <circle cx="7" cy="8" r="1.5" />
    <path d="M17.5 13l-4-4-8 7.5" />
  </>,
  'ImageIcon',
);
export const AudioIcon = make(
  <>
    <path d="M7.5 15V4.5l9-2v10.5" />
    <circle cx="5.5" cy="15" r="2" />
    <circle cx="14.5" cy="13" r="2" />
  </>,
  'AudioIcon',
);
export const TrashIcon = make(
  <>
    <path d="M3.5 5.5h13M8 5.5V3.5h4v2M5 5.5l.8 11a1.5 1.5 0 001.5 1.5h5.4a1.5 1.5 0 001.5-1.5l.8-11" />
    <path d="M8.5 9v5.5M11.5 9v5.5" />
  </>,
  'TrashIcon',
);
export const RestoreIcon = make(
  <>
    <path d="M4 10a6 6 0 1 0 1.8-4.3" />
    <path d="M4 3v3.5h3.5" />
  </>,
  'RestoreIcon',
);
export const CloseIcon = make(<path d="M5 5l10 10M15 5L5 15" />, 'CloseIcon');
export const BellIcon = make(<path d="M5 14.5V9a5 5 0 0110 0v5.5l1.5 1.5h-13zM8.25 16.5a1.75 1.75 0 003.5 0" />, 'BellIcon');
export const CheckIcon = make(<path d="M4 10.5l4 4 8-9" />, 'CheckIcon');
export const TagIcon = make(
  <>
    <path d="M3 3h6.5l7.5 7.5-6.5 6.5L3 9.5z" />
    <circle cx="6.75" cy="6.75" r="1.25" />
  </>,
  'TagIcon',
);
export const SortIcon = make(<path d="M6 4v12M3 13l3 3 3-3M14 16V4M11 7l3-3 3 3" />, 'SortIcon');
export const ArrowUpIcon = make(<path d="M10 16V4M5 9l5-5 5 5" />, 'ArrowUpIcon');
export const ArrowDownIcon = make(<path d="M10 4v12M5 11l5 5 5-5" />, 'ArrowDownIcon');
export const SunIcon = make(
  <>
    <circle cx="10" cy="10" r="3.5" />
    <path d="M10 2v1.5M10 16.5V18M2 10h1.5M16.5 10H18M4.3 4.3l1.1 1.1M14.6 14.6l1.1 1.1M4.3 15.7l1.1-1.1M14.6 5.4l1.1-1.1" />
  </>,
  'SunIcon',
);
export const MoonIcon = make(<path d="M16.5 12.5A7 7 0 017.5 3.5a7 7 0 109 9z" />, 'MoonIcon');
export const FolderIcon = make(
  <path d="M2.5 5.5A1.5 1.5 0 014 4h3.5l2 2H16a1.5 1.5 0 011.5 1.5v7A1.5 1.5 0 0116 16H4a1.5 1.5 0 01-1.5-1.5z" />,
  'FolderIcon',
);
export const AlertIcon = make(
  <>
    <path d="M10 3l7.5 13h-15z" />
    <path d="M10 8.5v3.5M10 14.5v.01" />
  </>,
  'AlertIcon',
);
export const PlusIcon = make(<path d="M10 4v12M4 10h12" />, 'PlusIcon');
export const LogoMark = make(
  <>
    <rect x="3" y="2.5" width="14" height="15" rx="3.5" />
    <path d="M8.25 7v6l5-3z" fill="currentColor" stroke="none" />
  </>,
  'LogoMark',
);
export const FilmStripIcon = make(
  <>
    <rect x="3" y="3" width="14" height="14" rx="2" />
    <path d="M6.5 3v14M13.5 3v14M3 7h3.5M3 13h3.5M13.5 7H17M13.5 13H17" />
  </>,
  'FilmStripIcon',
);
export const EditorIcon = make(
  <>
    <rect x="2.5" y="3.5" width="15" height="8" rx="1.5" />
    <path d="M2.5 15h6M11.5 15h6M2.5 17.5h15" />
    <path d="M9 6l3 1.75L9 9.5z" fill="currentColor" stroke="none" />
  </>,
  'EditorIcon',
);
export const PlayIcon = make(<path d="M6 4l10 6-10 6z" fill="currentColor" />, 'PlayIcon');
export const PauseIcon = make(<path d="M6.5 4v12M13.5 4v12" strokeWidth={3} />, 'PauseIcon');
export const StepBackIcon = make(<path d="M14.5 5l-7 5 7 5zM5.5 5v10" />, 'StepBackIcon');
export const StepForwardIcon = make(<path d="M5.5 5l7 5-7 5zM14.5 5v10" />, 'StepForwardIcon');
export const GoToStartIcon = make(<path d="M4 4.5v11M11 5l-6 5 6 5zM17 5l-6 5 6 5z" />, 'GoToStartIcon');
export const GoToEndIcon = make(<path d="M16 4.5v11M9 5l6 5-6 5zM3 5l6 5-6 5z" />, 'GoToEndIcon');
export const SplitIcon = make(
  <>
    <circle cx="5.5" cy="5.5" r="2.25" />
    <circle cx="5.5" cy="14.5" r="2.25" />
    <path d="M7.5 6.75L17 13.5M7.5 13.25L17 6.5" />
  </>,
  'SplitIcon',
);
/** Two captions becoming one (the cue list's merge). */
export const MergeIcon = make(<path d="M4 4.5h5v11H4M16 4.5h-5v11h5M9 10h2" />, 'MergeIcon');
export const TextIcon = make(<path d="M4 5V3.5h12V5M10 3.5v13M7.5 16.5h5" />, 'TextIcon');
export const UndoIcon = make(<path d="M7.5 5L3.5 9l4 4M3.5 9h8.5a4.5 4.5 0 010 9H9" />, 'UndoIcon');
export const RedoIcon = make(<path d="M12.5 5l4 4-4 4M16.5 9H8a4.5 4.5 0 000 9h3" />, 'RedoIcon');
export const DuplicateIcon = make(
  <>
    <rect x="6.5" y="6.5" width="10" height="10" rx="1.5" />
    <path d="M13.5 6.5V5A1.5 1.5 0 0012 3.5H5A1.5 1.5 0 003.5 5v7A1.5 1.5 0 005 13.5h1.5" />
  </>,
  'DuplicateIcon',
);
export const PencilIcon = make(<path d="M12.5 4l3.5 3.5-9 9H3.5V13zM10.5 6l3.5 3.5" />, 'PencilIcon');
export const ExportIcon = make(
  <>
    <path d="M10 13V3.5M6 7.5l4-4 4 4" />
    <path d="M3.5 12.5v3a1.5 1.5 0 001.5 1.5h10a1.5 1.5 0 001.5-1.5v-3" />
  </>,
  'ExportIcon',
);
export const ZoomInIcon = make(
  <>
    <circle cx="8.5" cy="8.5" r="5" />
    <path d="M12.5 12.5L17 17M6.5 8.5h4M8.5 6.5v4" />
  </>,
  'ZoomInIcon',
);
export const ZoomOutIcon = make(
  <>
    <circle cx="8.5" cy="8.5" r="5" />
    <path d="M12.5 12.5L17 17M6.5 8.5h4" />
  </>,
  'ZoomOutIcon',
);
export const EyeIcon = make(
  <>
    <path d="M2 10s3-5.5 8-5.5S18 10 18 10s-3 5.5-8 5.5S2 10 2 10z" />
    <circle cx="10" cy="10" r="2.25" />
  </>,
  'EyeIcon',
);
export const EyeOffIcon = make(
  <>
    <path d="M4.5 6.2C2.9 7.7 2 10 2 10s3 5.5 8 5.5c1.5 0 2.8-.5 3.9-1.2M8 4.8c.6-.2 1.3-.3 2-.3 5 0 8 5.5 8 5.5s-.7 1.3-1.9 2.6" />
    <path d="M3 3l14 14" />
  </>,
  'EyeOffIcon',
);
export const VolumeIcon = make(
  <>
    <path d="M3 7.5h3l4-3.5v12l-4-3.5H3z" />
    <path d="M13 7.5a3.5 3.5 0 010 5M15.5 5a7 7 0 010 10" />
  </>,
  'VolumeIcon',
);
export const MuteIcon = make(
  <>
    <path d="M3 7.5h3l4-3.5v12l-4-3.5H3z" />
    <path d="M13 8l4 4M17 8l-4 4" />
  </>,
  'MuteIcon',
);
export const MagnetIcon = make(<path d="M4.5 3.5v7a5.5 5.5 0 0011 0v-7h-3.5v7a2 2 0 01-4 0v-7zM4.5 7h3.5M12 7h3.5" />, 'MagnetIcon');
export const SafeZoneIcon = make(
  <>
    <rect x="5" y="2.5" width="10" height="15" rx="1.5" />
    <path d="M12.5 7v5.5M7 14.5h4" />
  </>,
  'SafeZoneIcon',
);
export const KeyboardIcon = make(
  <>
    <rect x="2" y="5" width="16" height="10" rx="1.5" />
    <path d="M5 8h.01M8 8h.01M11 8h.01M14 8h.01M6 12h8" />
  </>,
  'KeyboardIcon',
);
export const BackIcon = make(<path d="M12.5 4.5L7 10l5.5 5.5" />, 'BackIcon');
export const CaptureIcon = make(
  <>
    <rect x="2.5" y="5" width="10.5" height="10" rx="2" />
    <path d="M13 9l4.5-2.5v7L13 11" />
  </>,
  'CaptureIcon',
);
export const MicIcon = make(
  <>
    <rect x="7.5" y="2.5" width="5" height="9" rx="2.5" />
    <path d="M4.5 9.5a5.5 5.5 0 0011 0M10 15v2.5M7 17.5h6" />
  </>,
  'MicIcon',
);
export const ScreenIcon = make(
  <>
    <rect x="2.5" y="3.5" width="15" height="10" rx="1.5" />
    <path d="M7 17h6M10 13.5V17" />
  </>,
  'ScreenIcon',
);
export const RecordIcon = make(<circle cx="10" cy="10" r="5.5" fill="currentColor" stroke="none" />, 'RecordIcon');
export const StopIcon = make(<rect x="5" y="5" width="10" height="10" rx="1.5" fill="currentColor" stroke="none" />, 'StopIcon');
export const RestartIcon = make(<path d="M4 10a6 6 0 106-6H7M7 1.5L4.5 4 7 6.5" />, 'RestartIcon');

/** A layout with a locked frame and free slots: "New from template", "Save as template". */
export const TemplateIcon = make(
  <>
    <rect x="3" y="3" width="14" height="14" rx="2" />
    <path d="M3 8h14M8 8v9" />
  </>,
  'TemplateIcon',
);
/** Every caption earlier or later: two bars with arrows both ways (the caption row's "Shift all…"). */
export const ShiftAllIcon = make(<path d="M2.5 10h15M5.5 7l-3 3 3 3M14.5 7l3 3-3 3M8 5.5v9M12 5.5v9" />, 'ShiftAllIcon');
/** Snap to speech: sound bars with brackets closing on them. */
export const SpeechSnapIcon = make(<path d="M8 8v4M10 6v8M12 8.5v3M4.5 4.5h-2v11h2M15.5 4.5h2v11h-2" />, 'SpeechSnapIcon');
/** Snap every caption: the same bars, twice. */
export const SpeechSnapAllIcon = make(<path d="M5 8v4M7 6.5v7M13 8v4M15 6.5v7M2.5 4.5v11M17.5 4.5v11M10 4.5v11" />, 'SpeechSnapAllIcon');
/** Chroma key eyedropper: a pipette tilted down to the left. */
export const EyedropperIcon = make(<path d="M12.5 4.5l3 3M14 3a2.1 2.1 0 013 3l-2 2-3-3 2-2zM12 5l-7.5 7.5-1 4 4-1L15 8" />, 'EyedropperIcon');
/** Version history: a clock turning back. */
export const HistoryIcon = make(<path d="M3.5 10a6.5 6.5 0 102-4.7M3.5 2.75v3.5H7M10 6.5V10l2.5 1.75" />, 'HistoryIcon');

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

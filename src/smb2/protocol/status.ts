/**
 * The few NTSTATUS values (MS-ERREF 2.3.1) that change how an SMB2 message is framed or
 * decoded. The full table with names and errno mapping is smb-common's job.
 */
export const Smb2FramingStatus = {
  STATUS_SUCCESS: 0x00000000,
  STATUS_PENDING: 0x00000103,
  STATUS_NOTIFY_ENUM_DIR: 0x0000010c,
  STATUS_BUFFER_OVERFLOW: 0x80000005,
  STATUS_STOPPED_ON_SYMLINK: 0x8000002d,
  STATUS_INVALID_PARAMETER: 0xc000000d,
  STATUS_MORE_PROCESSING_REQUIRED: 0xc0000016,
  STATUS_BUFFER_TOO_SMALL: 0xc0000023,
  STATUS_BAD_NETWORK_NAME: 0xc00000cc,
} as const;

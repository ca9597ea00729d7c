export { AddPicker } from './add-picker.js'
export { Badge, PLAN_LABELS, PlanBadge } from './badge.js'
export { Button, type ButtonProps } from './button.js'
export { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog.js'
export { CopyButton } from './copy-button.js'
export {
  type CreateDialogProps,
  CreateNamedDialog,
  type CreateNamedDialogProps,
} from './create-named-dialog.js'
export { DetailCard } from './detail-card.js'
export { Dialog, type DialogProps } from './dialog.js'
export { EmptyState } from './empty-state.js'
export { ErrorMessage } from './error-message.js'
export {
  Checkbox,
  type CheckboxProps,
  Field,
  type FieldProps,
  SelectField,
  type SelectFieldProps,
  TextAreaField,
  type TextAreaFieldProps,
} from './field.js'
export { Loaded } from './loaded.js'
export { type Notice, NoticeProvider, type Notices, useNotices } from './notices.js'
export { OptionGroup, type OptionGroupProps } from './option-group.js'
export { PageHeader } from './page-header.js'
export { RemovableList } from './removable-list.js'
export { SecretReveal } from './secret-reveal.js'
export { Spinner } from './spinner.js'
export { SubmitRow } from './submit-row.js'
export { type Column, Table, type TableProps } from './table.js'
export { type ActionState, type UseActionOptions, useAction } from './use-action.js'
export { type LatestCallReport, useLatestCall } from './use-latest-call.js'
export { useListDetail } from './use-list-detail.js'
export { type LoadState, useLoad } from './use-load.js'
export { type NameField, useNameField } from './use-name-field.js'
export { type SetToggle, useSetToggle } from './use-set-toggle.js'

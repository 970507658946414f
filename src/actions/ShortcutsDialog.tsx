/**
 * "?": the keyboard shortcuts of the map page, listed from the actions table,
 * then the keys that belong to one kind of place (an emotion point is a
 * slider; a lane header's fields are reached from the header), which the
 * places handle themselves.
 */
import { useTranslation } from '../i18n/useTranslation';
import { Modal } from '../ui/Modal';
import { useSession } from '../state/session';
import { actions } from './actions';
import { formatKeys, isMac } from './keys';
import './actions.css';

/** Keys a place handles itself (CurveNode, canvas/nodes/headerFields.ts): label (keyboard.placeKeys.*) and keys. */
const PLACE_KEYS: readonly { label: string; keys: readonly string[] }[] = [
  { label: 'emotionScore', keys: ['ArrowUp', 'ArrowDown'] },
  { label: 'headerFields', keys: ['Tab', 'Shift+Tab'] },
  { label: 'headerBack', keys: ['Escape'] },
];

export function ShortcutsDialog() {
  const { t } = useTranslation();
  const open = useSession((s) => s.shortcutsOpen);
  const setOpen = useSession((s) => s.setShortcutsOpen);
  if (!open) return null;
  const mac = isMac();
  return (
    <Modal title={t('keyboard.shortcutsTitle')} className="shortcuts-dialog" testId="shortcuts-dialog" onClose={() => setOpen(false)}>
      <table className="shortcuts-table">
        <caption className="visually-hidden">{t('keyboard.shortcutsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('keyboard.action')}</th>
            <th scope="col">{t('keyboard.keys')}</th>
          </tr>
        </thead>
        <tbody>
          {[
            ...actions.map((a) => ({ id: a.name, label: t(`keyboard.actions.${a.label}`), keys: a.keys })),
            ...PLACE_KEYS.map((p) => ({ id: p.label, label: t(`keyboard.placeKeys.${p.label}`), keys: p.keys })),
          ].map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              <td>
                {row.keys.map((combo, i) => (
                  <span key={combo} className="shortcut-combo">
                    {i > 0 && <span className="muted"> {t('keyboard.or')} </span>}
                    {formatKeys(combo, mac).map((k) => (
                      <kbd key={k}>{k}</kbd>
                    ))}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}

/** "?": the keyboard shortcuts of the map page, listed from the actions table. */
import { useTranslation } from '../i18n/useTranslation';
import { Modal } from '../ui/Modal';
import { useSession } from '../state/session';
import { actions } from './actions';
import { formatKeys, isMac } from './keys';
import './actions.css';

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
          {actions.map((action) => (
            <tr key={action.name}>
              <th scope="row">{t(`keyboard.actions.${action.label}`)}</th>
              <td>
                {action.keys.map((combo, i) => (
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

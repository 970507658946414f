/** The facilitator's tools in the workshop toolbar: the timer (editors) and presentation mode (everyone). */
import { TimerControl } from './timer/TimerControl';
import { PresentButton } from './presentation/PresentButton';

export function FacilitationTools() {
  return (
    <>
      <TimerControl />
      <PresentButton />
    </>
  );
}

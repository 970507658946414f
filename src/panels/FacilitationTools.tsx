/** The facilitator's tools in the workshop toolbar: the timer (editors) and presentation mode (everyone). */
import { TimerControl } from './timer/TimerControl';

export function FacilitationTools() {
  return (
    <>
      <TimerControl />
    </>
  );
}

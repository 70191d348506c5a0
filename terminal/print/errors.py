"""Print faults (the PrintFault branch) and credential payload errors.

Every print fault leaves the credential waiting to be printed: callers record a print only after
`jobs.confirm_job` returned normally.
"""

from __future__ import annotations

from terminal.core.errors import InvalidInput, PrintFault


class PrinterUnavailable(PrintFault):
    """The queue does not exist, is stopped (disabled) or rejects jobs, or the print system is down."""

    code = "printer_unavailable"
    zh_template = "打印机“{printer}”不可用：{state}。证件仍待打印。请启用该打印机或选择其他打印机后重试。"
    en_template = (
        "The printer '{printer}' is not available: {state}. The credential is still waiting. Enable the "
        "printer or choose another one, then retry."
    )


class PrintSystemDown(PrinterUnavailable):
    """The print system itself (CUPS scheduler, Windows spooler) does not answer."""

    code = "print_system_down"
    zh_template = "打印服务没有响应（{printer}）。证件仍待打印。请启动打印服务（CUPS / 打印后台处理程序）后重试。"
    en_template = (
        "The print service does not answer ({printer}). The credential is still waiting. Start the print "
        "service (CUPS / Print Spooler), then retry."
    )


class PrinterNotSelected(PrinterUnavailable):
    """The printer name did not take: Qt kept a different printer than the one asked for."""

    code = "printer_not_selected"
    zh_template = "无法选择打印机“{printer}”（实际为“{actual}”）。证件仍待打印。请检查打印机名称后重试。"
    en_template = (
        "The printer '{printer}' could not be selected (got '{actual}'). The credential is still waiting. "
        "Check the printer name and retry."
    )


class NoPrinterChosen(PrintFault):
    """Nothing was chosen in Settings → Printer (config `printer`): nothing can be printed yet."""

    code = "no_printer_chosen"
    zh_template = (
        "还没有选择打印机，证件仍待打印。请管理员在“设置 → 打印机”中选择打印机并保存；"
        "不用打印机也可以先“预览”证件。"
    )
    en_template = (
        "No printer has been chosen, so the credential is still waiting. An administrator chooses the printer in "
        "Settings → Printer and saves; you can preview the card without a printer."
    )


class NoPrintersFound(PrintFault):
    """The print system lists no printer at all (none installed, or the print service is not running)."""

    code = "no_printers_found"
    zh_template = (
        "这台电脑上没有找到打印机。请先安装打印机驱动并在系统中添加打印机（Windows：设置 → 打印机和扫描仪；"
        "Linux：CUPS），确认打印服务已启动，然后再点“查找打印机”。"
    )
    en_template = (
        "No printer was found on this computer. Install the printer's driver and add the printer to the system "
        "(Windows: Settings → Printers & scanners; Linux: CUPS), make sure the print service is running, then "
        "click 'Find printers' again."
    )


class PrintJobFailed(PrintFault):
    """The job was sent but the print system did not complete it (cancelled, aborted, lost, stuck)."""

    code = "print_job_failed"
    zh_template = "打印任务 {job} 未完成：{state}。证件仍待打印。请检查打印机后重新打印。"
    en_template = (
        "Print job {job} did not complete: {state}. The credential is still waiting. Check the printer "
        "and print again."
    )




class LayoutInvalid(InvalidInput):
    """A layout file in resources/layouts is missing or does not follow docs/credential-card.md."""

    code = "layout_invalid"
    zh_template = "证件版式文件“{name}”无效：{reason}。请重新安装本程序。"
    en_template = "The card layout file '{name}' is invalid: {reason}. Reinstall the program."

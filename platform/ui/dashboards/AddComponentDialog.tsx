'use client';
/** Pick one of the viewer's reports to add to the dashboard being arranged. */
import { Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { useReportList } from '../reports/api';
import { reportTitle } from '../reports/ReportPage';

export function AddComponentDialog({ open, onAdd, onClose }: { open: boolean; onAdd(report: string): void; onClose(): void }) {
  const { tr, label } = useT();
  const reports = useReportList();
  const [report, setReport] = useState<string>();
  const options = (reports.data ?? []).map((r) => ({ value: r.name, label: reportTitle(r.label, label) }));
  return (
    <Modal
      open={open}
      title={tr('dashui.addTitle')}
      okText={tr('dashui.add')}
      cancelText={tr('dashui.cancel')}
      okButtonProps={{ disabled: !report }}
      onOk={() => {
        if (report) onAdd(report);
        setReport(undefined);
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={tr('dashui.pickReport')} htmlFor="dash-add-report">
          <Select
            id="dash-add-report"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={tr('dashui.pickReportPlaceholder')}
            loading={reports.isLoading}
            options={options}
            value={report}
            onChange={setReport}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
